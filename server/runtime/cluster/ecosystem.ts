// The processes pm2 supervises, as a pm2 ecosystem file: every one is restarted when it dies.
// pm2 (not systemd units or supervisord) because it is an npm package — installed by `npm ci`
// like the rest, no root needed — runs any program (`interpreter: 'none'`), and its daemon lives
// in a folder of ours (PM2_HOME), so a test can run a cluster of its own beside another one.
import { join } from 'node:path';
import { APP_NODE_FLAGS } from '../node-flags.ts';
import { zeroCacheEnv } from '../zero-cache.ts';
import {
	replicationManagerPort,
	viewSyncerPort,
	webPort,
	type ClusterSettings
} from './settings.ts';

export type Pm2App = {
	name: string;
	script: string;
	args: string[];
	interpreter: 'none';
	cwd: string;
	env: Record<string, string>;
	autorestart: true;
	restart_delay: number;
	kill_timeout: number;
	kill_signal?: string;
	out_file: string;
	error_file: string;
};

export type ClusterFiles = { pgbouncerIni: string; haproxyCfg: string; logDir: string };

const root = process.cwd();
const modules = join(root, 'node_modules');
export const LITESTREAM = join(modules, '@flydotio', 'litestream-linux-x64', 'litestream');
const ZERO_CLI = join(modules, '@rocicorp', 'zero', 'out', 'zero', 'src', 'cli.js');
// The default is a path relative to zero's own folder that does not resolve from ours.
const LITESTREAM_CONFIG = join(
	modules,
	'@rocicorp/zero/out/zero-cache/src/services/litestream/config.yml'
);

export function ecosystem(
	s: ClusterSettings,
	o: { databaseUrl: string; pooledUrl: string; files: ClusterFiles }
): { apps: Pm2App[] } {
	const host = s.internalHost;
	const app = (name: string, script: string, args: string[], env: Record<string, string>) =>
		({
			name,
			script,
			args,
			interpreter: 'none',
			cwd: root,
			env,
			autorestart: true,
			restart_delay: 1000,
			kill_timeout: 8000,
			out_file: join(o.files.logDir, `${name}.log`),
			error_file: join(o.files.logDir, `${name}.log`)
		}) satisfies Pm2App;
	const node = process.execPath;
	const webLbInternal = `http://${host}:${s.web.port}`;
	const shared = {
		ZERO_PUBLIC_URL: process.env.ZERO_PUBLIC_URL ?? `http://localhost:${s.zero.port}`,
		ZERO_INTERNAL_URL: `http://${host}:${s.zero.port}`,
		INSECURE_COOKIES: process.env.INSECURE_COOKIES ?? '1',
		// Every web instance and worker must see the same files: on separate machines, S3_BUCKET.
		FILE_STORE_DIR: process.env.FILE_STORE_DIR || join(s.dataDir, 'files')
	};

	const zero = (port: number, replica: string, extra: Record<string, string>) => ({
		...zeroCacheEnv({
			// zero-cache's replication needs a session of its own: always straight to Postgres.
			databaseUrl: o.databaseUrl,
			dataDir: s.dataDir,
			port,
			appUrl: webLbInternal
		}),
		ZERO_REPLICA_FILE: join(s.dataDir, 'zero', replica, 'replica.db'),
		ZERO_LITESTREAM_EXECUTABLE: LITESTREAM,
		ZERO_LITESTREAM_CONFIG_PATH: LITESTREAM_CONFIG,
		...extra
	});
	const rmPort = replicationManagerPort(s);
	const apps: Pm2App[] = [
		app('pgbouncer', '/usr/sbin/pgbouncer', [o.files.pgbouncerIni], {}),
		// -db: stay in the foreground, where pm2 watches it.
		app('haproxy', '/usr/sbin/haproxy', ['-db', '-f', o.files.haproxyCfg], {}),
		{
			...app(
				'replication-manager',
				node,
				[ZERO_CLI],
				zero(rmPort, 'replication-manager', {
					ZERO_NUM_SYNC_WORKERS: '0',
					ZERO_TASK_ID: 'replication-manager',
					// Litestream's backup is how each view-syncer gets its first replica.
					ZERO_LITESTREAM_BACKUP_URL: `file://${join(s.dataDir, 'zero', 'backup')}`
				})
			),
			kill_signal: 'SIGTERM'
		}
	];
	for (let i = 0; i < s.zero.viewSyncers; i++) {
		const name = `view-syncer-${i + 1}`;
		apps.push({
			...app(
				name,
				node,
				[ZERO_CLI],
				zero(viewSyncerPort(s, i), name, {
					ZERO_NUM_SYNC_WORKERS: String(s.zero.syncWorkers),
					ZERO_TASK_ID: name,
					ZERO_CHANGE_STREAMER_URI: `http://${host}:${rmPort + 1}`
				})
			),
			// SIGTERM: zero-cache hands its clients back gradually before it stops.
			kill_signal: 'SIGTERM',
			kill_timeout: 15_000
		});
	}
	for (let i = 0; i < s.workers.count; i++) {
		apps.push(
			app(
				`worker-${i + 1}`,
				node,
				[...APP_NODE_FLAGS, '--import', 'tsx', 'server/worker/main.ts'],
				{
					...shared,
					// LISTEN/NOTIFY: a transaction pool would silently drop the notifications.
					DATABASE_URL: o.databaseUrl,
					WORKER_CONCURRENCY: String(s.workers.concurrency),
					// debug logs each job the worker completes (Graphile Worker's own lines).
					LOG_LEVEL: process.env.WORKER_LOG_LEVEL || process.env.LOG_LEVEL || 'info'
				}
			)
		);
	}
	for (let i = 0; i < s.web.instances; i++) {
		apps.push({
			...app(`web-${i + 1}`, node, [...APP_NODE_FLAGS, s.web.buildDir], {
				...shared,
				DATABASE_URL: o.pooledUrl,
				DATABASE_POOL_MODE: 'transaction',
				DATABASE_POOL_SIZE: String(s.web.poolSize),
				HOST: host,
				PORT: String(webPort(s, i)),
				ORIGIN: process.env.ORIGIN ?? `http://localhost:${s.web.port}`,
				// The caller's address, for the per-address limits, is the one HAProxy saw.
				ADDRESS_HEADER: 'X-Forwarded-For',
				XFF_DEPTH: '1',
				BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '9M',
				// On SIGINT adapter-node stops taking connections and lets requests under way finish;
				// after this many seconds it closes what is left, before pm2's SIGKILL would.
				SHUTDOWN_TIMEOUT: '10'
			}),
			kill_timeout: 15_000
		});
	}
	return { apps };
}
