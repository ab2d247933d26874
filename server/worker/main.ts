// The background worker process: Graphile Worker over the app's Postgres, plus a heartbeat row
// that /healthz reads. Started by `npm run dev` / `npm start`; DATABASE_URL must be set.
import { hostname } from 'node:os';
import { run } from 'graphile-worker';
import postgres from 'postgres';
import { flushErrorReports } from '../observe/errors.ts';
import { traceTasks } from '../observe/jobs.ts';
import { log } from '../observe/log.ts';
import { quietLogger } from './logger.ts';
import { crontab, taskList } from './tasks.ts';

const HEARTBEAT_MS = 5000;
const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('DATABASE_URL is not set');

const workerId = `${hostname()}:${process.pid}`;

const runner = await run({
	connectionString,
	concurrency: Number(process.env.WORKER_CONCURRENCY ?? 4),
	noHandleSignals: true,
	// Each task inside its trace: the request id it was queued with in its log lines and reports.
	taskList: traceTasks(taskList),
	crontab,
	logger: quietLogger
});

const sql = postgres(connectionString, { max: 1, onnotice: () => {} });
async function beat() {
	await sql`INSERT INTO worker_heartbeats (worker_id, last_seen_at) VALUES (${workerId}, now())
		ON CONFLICT (worker_id) DO UPDATE SET last_seen_at = now()`;
}
await beat();
const timer = setInterval(
	() => beat().catch((error) => log.error('[worker] heartbeat failed', { error })),
	HEARTBEAT_MS
);

async function shutdown() {
	clearInterval(timer);
	await sql`DELETE FROM worker_heartbeats WHERE worker_id = ${workerId}`.catch(() => {});
	await sql.end({ timeout: 2 });
	await runner.stop();
	await flushErrorReports();
	process.exit(0);
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
await runner.promise;
