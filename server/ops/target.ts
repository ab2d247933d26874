// Which database the backup and restore commands work on: DATABASE_URL when set (production, or a
// stack started with it), else the embedded Postgres of `npm run dev` / `npm start` in DATA_DIR —
// reached on PG_PORT while the stack runs, or started here for the command's duration when not.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import { embeddedDatabaseUrl, startEmbeddedPostgres } from '../runtime/embedded-postgres.ts';

export type Target = {
	url: string;
	/** Where the stack keeps zero-cache's replica (DATA_DIR, default .data). */
	dataDir: string;
	/** A line for the operator about where the database is. */
	describe: string;
	/** Stops the embedded Postgres if this command started it. */
	release: () => Promise<void>;
};

export function dataDir() {
	return resolve(process.env.DATA_DIR || '.data');
}

function port() {
	const raw = process.env.PG_PORT || '54329';
	const value = Number(raw);
	if (!Number.isInteger(value) || value <= 0 || value > 65535)
		throw new Error(`PG_PORT must be a TCP port, got "${raw}"`);
	return value;
}

async function answers(url: string) {
	const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
	try {
		await sql`SELECT 1`;
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') return false;
		throw error;
	} finally {
		await sql.end({ timeout: 1 });
	}
}

/**
 * The database to work on. `mayCreate`: with no embedded database yet in DATA_DIR, make a new
 * empty one (for a restore); otherwise that is an error.
 */
export async function openTarget(mayCreate: boolean): Promise<Target> {
	const dir = dataDir();
	const url = process.env.DATABASE_URL;
	const release = async () => {};
	if (url) return { url, dataDir: dir, describe: 'the database at DATABASE_URL', release };
	const local = embeddedDatabaseUrl(port());
	if (await answers(local))
		return {
			url: local,
			dataDir: dir,
			describe: `the running stack's database (port ${port()})`,
			release
		};
	const pgDir = join(dir, 'postgres');
	if (!mayCreate && !existsSync(join(pgDir, 'pgdata', 'PG_VERSION')))
		throw new Error(
			`no database to back up: DATABASE_URL is not set and ${pgDir} holds no embedded Postgres ` +
				`(run npm run dev once, or set DATABASE_URL)`
		);
	const pg = await startEmbeddedPostgres(pgDir, port());
	return {
		url: pg.url,
		dataDir: dir,
		describe: `the embedded database in ${pgDir} (started for this command, port ${port()})`,
		release: () => pg.stop()
	};
}
