import { Logger } from 'graphile-worker';
import { log, type Level } from '../observe/log.ts';

// Graphile Worker's own levels are spec §8.2's; its per-job INFO lines ("completed task …") cost a
// lot and say little, so they are logged at debug (LOG_LEVEL=debug shows them).
const LEVEL: Record<string, Level> = {
	error: 'error',
	warning: 'warning',
	info: 'debug',
	debug: 'debug'
};

/**
 * Graphile Worker's logger as JSON lines (server/observe/log.ts): the job's id and task, and —
 * inside a task (server/observe/jobs.ts) — the request id the job was queued with.
 */
export const quietLogger = new Logger(
	(scope: { workerId?: string; taskIdentifier?: string; jobId?: string }) => (level, message) =>
		log.at(LEVEL[level] ?? 'info', `[worker] ${message}`, {
			...(scope.workerId ? { worker: scope.workerId } : {}),
			...(scope.taskIdentifier ? { task: scope.taskIdentifier } : {}),
			...(scope.jobId ? { jobId: String(scope.jobId) } : {})
		})
);
