// `npm run start:cluster`: the production layout on one machine. Postgres (embedded unless
// DATABASE_URL is set) runs in this process, as with `npm start`; everything else runs under pm2,
// which restarts whatever dies: PgBouncer, HAProxy, zero-cache's replication-manager and
// view-syncers, the workers and the web instances.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { seedIfEmpty, type SeedSummary } from '../../../drizzle/seed/seed.ts';
import { hashPassword } from '../../auth/password.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { startEmbeddedPostgres, type RunningPostgres } from '../embedded-postgres.ts';
import { httpOk, waitFor } from '../processes.ts';
import { ecosystem } from './ecosystem.ts';
import { haproxyConfig } from './haproxy.ts';
import { pgbouncerConfig } from './pgbouncer.ts';
import {
	replicationManagerPort,
	viewSyncerPort,
	webPort,
	type ClusterSettings
} from './settings.ts';

const run = promisify(execFile);
const PM2 = join(process.cwd(), 'node_modules', 'pm2', 'bin', 'pm2');

export type RunningCluster = {
	/** The load balancers, as a browser reaches them. */
	appUrl: string;
	zeroUrl: string;
	/** Each web instance and view-syncer, directly. */
	webUrls: string[];
	viewSyncerUrls: string[];
	/** Postgres directly, and through PgBouncer. */
	databaseUrl: string;
	pooledUrl: string;
	seeded: SeedSummary | null;
	logDir: string;
	/** Runs a pm2 command against this cluster's daemon, e.g. ['stop', 'view-syncer-1']. */
	pm2: (args: string[]) => Promise<string>;
	/** pm2's view of the processes: name, pid, status, restarts. */
	processes: () => Promise<ProcessState[]>;
	/**
	 * The embedded Postgres stopped (fast shutdown: every session is cut) and started again on the
	 * same data, for fault drills such as `npm run load`. Not available with an external DATABASE_URL.
	 */
	stopPostgres: (o?: { immediateAfterMs?: number }) => Promise<'fast' | 'immediate'>;
	startPostgres: () => Promise<void>;
	stop: () => Promise<void>;
};

export type ProcessState = { name: string; pid: number; status: string; restarts: number };

/** `progress` hears each step as it is done, with the milliseconds since the start. */
export async function startCluster(
	s: ClusterSettings,
	progress: (step: string, ms: number) => void = () => {}
): Promise<RunningCluster> {
	const started = performance.now();
	const done = (step: string) => progress(step, performance.now() - started);
	const configDir = join(s.dataDir, 'config');
	const logDir = join(s.dataDir, 'logs');
	const replicas = [
		'replication-manager',
		...range(s.zero.viewSyncers).map((i) => `view-syncer-${i + 1}`)
	];
	for (const dir of [configDir, logDir, ...replicas.map((r) => join(s.dataDir, 'zero', r))])
		mkdirSync(dir, { recursive: true });
	const pm2Env = { ...process.env, PM2_HOME: join(s.dataDir, 'pm2') };
	const pm2 = async (args: string[]) =>
		(await run(process.execPath, [PM2, ...args], { env: pm2Env, maxBuffer: 1 << 24 })).stdout;
	const processes = async (): Promise<ProcessState[]> =>
		JSON.parse(await pm2(['jlist'])).map(
			(p: { name: string; pid: number; pm2_env: { status: string; restart_time: number } }) => ({
				name: p.name,
				pid: p.pid,
				status: p.pm2_env.status,
				restarts: p.pm2_env.restart_time
			})
		);

	let pg: RunningPostgres | undefined;
	const stop = async () => {
		// pm2's daemon stops every process it holds, then itself.
		await pm2(['kill']).catch(() => '');
		await pg?.stop();
		pg = undefined;
	};
	try {
		// A daemon left by a run that did not stop cleanly would hold the ports. (Asking pm2 when
		// there is none costs seconds: it starts one to stop it.)
		if (existsSync(join(pm2Env.PM2_HOME, 'pm2.pid'))) await pm2(['kill']).catch(() => '');
		let databaseUrl = s.databaseUrl;
		if (!databaseUrl) {
			pg = await startEmbeddedPostgres(join(s.dataDir, 'postgres'), s.postgresPort);
			databaseUrl = pg.url;
			done('Postgres');
		}
		await migrateDatabase(databaseUrl);
		const seeded = s.seed ? await seedIfEmpty(databaseUrl, new Date(), hashPassword) : null;
		done('migrations and demo data');

		const root = userInfo().uid === 0;
		const userlistPath = join(configDir, 'pgbouncer-users.txt');
		const bouncer = pgbouncerConfig({
			databaseUrl,
			listenHost: s.listenHost,
			internalHost: s.internalHost,
			...s.pgbouncer,
			userlistPath,
			// PgBouncer will not run as root; the embedded Postgres created this user already.
			runAs: root ? 'postgres' : undefined
		});
		const files = {
			pgbouncerIni: join(configDir, 'pgbouncer.ini'),
			haproxyCfg: join(configDir, 'haproxy.cfg'),
			logDir
		};
		writeFileSync(files.pgbouncerIni, bouncer.ini);
		writeFileSync(userlistPath, bouncer.userlist, { mode: 0o600 });
		if (root) {
			const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
			const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
			chownSync(userlistPath, uid, gid);
		}
		const host = s.internalHost;
		writeFileSync(
			files.haproxyCfg,
			haproxyConfig({
				listenHost: s.listenHost,
				web: {
					port: s.web.port,
					servers: range(s.web.instances).map((i) => ({
						name: `web-${i + 1}`,
						host,
						port: webPort(s, i)
					}))
				},
				zero: {
					port: s.zero.port,
					servers: range(s.zero.viewSyncers).map((i) => ({
						name: `view-syncer-${i + 1}`,
						host,
						port: viewSyncerPort(s, i)
					}))
				}
			})
		);
		const ecosystemFile = join(configDir, 'ecosystem.json');
		writeFileSync(
			ecosystemFile,
			JSON.stringify(ecosystem(s, { databaseUrl, pooledUrl: bouncer.clientUrl, files }), null, 2)
		);
		await pm2(['start', ecosystemFile]);
		done('pm2 started every process');

		const webUrls = range(s.web.instances).map((i) => `http://${host}:${webPort(s, i)}`);
		const viewSyncerUrls = range(s.zero.viewSyncers).map(
			(i) => `http://${host}:${viewSyncerPort(s, i)}`
		);
		const rm = `http://${host}:${replicationManagerPort(s)}`;
		const appUrl = `http://localhost:${s.web.port}`;
		// Readiness is polled: the view-syncers retry the manager every few seconds.
		const ready = async (what: string, url: string) =>
			waitFor(what, () => httpOk(url), 180_000).catch(async (error) => {
				throw new Error(`${error.message}; logs in ${logDir}`, { cause: error });
			});
		await ready('the replication-manager', rm);
		done('replication-manager ready');
		await Promise.all(viewSyncerUrls.map((url, i) => ready(`view-syncer ${i + 1}`, url)));
		done('view-syncers ready');
		await Promise.all(webUrls.map((url, i) => ready(`web instance ${i + 1}`, `${url}/healthz`)));
		await ready('the load balancer to the web instances', `${appUrl}/healthz`);
		await ready('the load balancer to zero-cache', `http://localhost:${s.zero.port}`);
		done('web instances healthy behind the load balancers');
		return {
			appUrl,
			zeroUrl: `http://localhost:${s.zero.port}`,
			webUrls,
			viewSyncerUrls,
			databaseUrl,
			pooledUrl: bouncer.clientUrl,
			seeded,
			logDir,
			pm2,
			processes,
			/**
			 * A fast shutdown waits for zero-cache's replication connection to take every change
			 * still unsent, which under load took minutes here: after `immediateAfterMs` it becomes
			 * an immediate one (as a crash: the next start recovers from the WAL).
			 */
			async stopPostgres({ immediateAfterMs = Infinity } = {}) {
				if (s.databaseUrl) throw new Error('Postgres is external: this cluster cannot stop it');
				if (!pg) return 'fast';
				let mode: 'fast' | 'immediate' = 'fast';
				const pidFile = join(s.dataDir, 'postgres', 'pgdata', 'postmaster.pid');
				const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
				const escalate = Number.isFinite(immediateAfterMs)
					? setTimeout(() => {
							mode = 'immediate';
							process.kill(pid, 'SIGQUIT');
						}, immediateAfterMs)
					: undefined;
				await pg.stop();
				clearTimeout(escalate);
				pg = undefined;
				return mode;
			},
			async startPostgres() {
				if (s.databaseUrl) throw new Error('Postgres is external: this cluster cannot start it');
				pg ??= await startEmbeddedPostgres(join(s.dataDir, 'postgres'), s.postgresPort);
			},
			stop
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
