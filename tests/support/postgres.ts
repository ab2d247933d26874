import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../../server/db/client.ts';
import { migrateDatabase } from '../../server/db/migrate.ts';
import { startEmbeddedPostgres } from '../../server/runtime/embedded-postgres.ts';
import { relaxPublicLimits } from './limits.ts';
import { freePort } from './ports.ts';
import { copyPostgresTemplate } from './postgres-template.ts';

export type TestDatabase = Awaited<ReturnType<typeof startTestDatabase>>;

/**
 * A real Postgres for one test file: embedded, on a free port, in a temporary folder, migrated
 * (a copy of the run's migrated template when there is one). stop() shuts it down and deletes the
 * folder.
 */
export async function startTestDatabase() {
	relaxPublicLimits();
	const dir = await mkdtemp(join(tmpdir(), 'valclean-pg-'));
	const copied = await copyPostgresTemplate(dir);
	const pg = await startEmbeddedPostgres(dir, await freePort());
	if (!copied) await migrateDatabase(pg.url);
	const { db, sql } = createDb(pg.url, 4);
	return {
		url: pg.url,
		db,
		sql,
		async stop() {
			await sql.end({ timeout: 2 });
			await pg.stop();
			await rm(dir, { recursive: true, force: true });
		}
	};
}
