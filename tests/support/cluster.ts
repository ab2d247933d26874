import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startCluster } from '../../server/runtime/cluster/cluster.ts';
import type { ClusterSettings } from '../../server/runtime/cluster/settings.ts';
import { ensureClusterPrograms } from './debian-packages.ts';
import { relaxPublicLimits } from './limits.ts';
import { freePort, freePortRange } from './ports.ts';
import { temporaryDataDir } from './stack.ts';

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
