import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { startCluster } from '../../server/runtime/cluster/cluster.ts';
import type { ClusterSettings } from '../../server/runtime/cluster/settings.ts';
import { relaxPublicLimits } from './limits.ts';
import { freePort, freePortRange } from './ports.ts';
import { temporaryDataDir } from './stack.ts';

const PROGRAMS = ['/usr/sbin/pgbouncer', '/usr/sbin/haproxy'];

/**
 * The cluster needs Debian's PgBouncer and HAProxy. Install them when missing and we are root;
 * otherwise stop with the exact command — never a silent skip.
 */
export function ensureClusterPrograms() {
	if (PROGRAMS.every(existsSync)) return;
	const command = 'apt-get update && apt-get install -y pgbouncer haproxy';
	if (userInfo().uid !== 0)
		throw new Error(`PgBouncer or HAProxy is missing. Install them: sudo sh -c '${command}'`);
	const result = spawnSync('sh', ['-c', command], {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
	});
	if (result.status !== 0 || !PROGRAMS.every(existsSync))
		throw new Error(`Could not install PgBouncer and HAProxy. Run as root: ${command}`);
}

/**
 * The whole cluster from the production build, on free ports, in a temporary folder. The web
 * instances run a copy of `build` (inside the project, so its packages resolve): another
 * `npm run build` while the test runs would otherwise swap the files under them.
 */
export async function startTestCluster() {
	ensureClusterPrograms();
	if (!existsSync('build/index.js')) throw new Error('No production build: run `npm run build`');
	relaxPublicLimits();
	process.env.TOTP_ACCEPT_REPLAYS ??= '1';
	// The workers log each job they complete: the test counts them.
	process.env.WORKER_LOG_LEVEL = 'debug';
	const dataDir = await temporaryDataDir();
	mkdirSync('.data', { recursive: true });
	const buildCopy = mkdtempSync(join(process.cwd(), '.data', 'cluster-test-build-'));
	cpSync('build', buildCopy, { recursive: true });
	const settings: ClusterSettings = {
		dataDir,
		postgresPort: await freePort(),
		listenHost: '127.0.0.1',
		internalHost: '127.0.0.1',
		pgbouncer: { port: await freePort(), poolSize: 10, maxClientConnections: 200 },
		web: {
			port: await freePort(),
			instances: 2,
			basePort: await freePortRange(2),
			poolSize: 5,
			buildDir: buildCopy
		},
		// The manager at base, view-syncer i at base + 10i: each takes three ports.
		zero: {
			port: await freePort(),
			viewSyncers: 2,
			basePort: await freePortRange(23),
			syncWorkers: 1
		},
		workers: { count: 2, concurrency: 4 },
		seed: true
	};
	const started = performance.now();
	const steps: string[] = [];
	const cluster = await startCluster(settings, (step, ms) =>
		steps.push(`${(ms / 1000).toFixed(1)} s ${step}`)
	).catch(async (error) => {
		await rm(buildCopy, { recursive: true, force: true });
		await rm(dataDir, { recursive: true, force: true });
		throw error;
	});
	return {
		...cluster,
		settings,
		coldStartMs: performance.now() - started,
		/** When each step of the start was done. */
		steps,
		async stop() {
			await cluster.stop();
			await rm(dataDir, { recursive: true, force: true });
			await rm(buildCopy, { recursive: true, force: true });
		}
	};
}
