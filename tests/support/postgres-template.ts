import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { migrateDatabase } from '../../server/db/migrate.ts';
import { startEmbeddedPostgres } from '../../server/runtime/embedded-postgres.ts';
import { freePort } from './ports.ts';

// A migrated Postgres made once per test run and copied for each test file: initdb and the
// migrations cost each file 3–5 s of this machine's two cores; copying the stopped data folder
// costs a fraction of a second. Each file still gets its own Postgres, as before.

/** Where the template's folder is, for the test workers (set by the vitest globalSetup). */
export const TEMPLATE_ENV = 'VALCLEAN_TEST_PG_TEMPLATE';

/** Makes the template: a fresh Postgres, migrated, then stopped cleanly. Returns its folder. */
export async function makePostgresTemplate(): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'valclean-pg-template-'));
	const pg = await startEmbeddedPostgres(dir, await freePort());
	try {
		await migrateDatabase(pg.url);
	} finally {
		await pg.stop();
	}
	return dir;
}

/**
 * Copies the template's data folder into `dir`, if there is a template (a test file run on its own
 * has none, and then makes its Postgres from scratch). `cp -a` keeps the owner and modes Postgres
 * insists on (as root, the data belongs to the `postgres` user).
 */
export async function copyPostgresTemplate(dir: string): Promise<boolean> {
	const template = process.env[TEMPLATE_ENV];
	if (!template || !existsSync(join(template, 'pgdata', 'PG_VERSION'))) return false;
	await promisify(execFile)('cp', ['-a', join(template, 'pgdata'), join(dir, 'pgdata')]);
	return true;
}

/** vitest globalSetup (unit and Postgres tests): the template, removed when the run ends. */
export default async function setup() {
	const template = await makePostgresTemplate();
	process.env[TEMPLATE_ENV] = template;
	return () => rm(template, { recursive: true, force: true });
}
