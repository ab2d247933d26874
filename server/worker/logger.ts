import { Logger } from 'graphile-worker';
import { currentTrace } from '../observe/context.ts';
import { jobRequestId } from '../observe/jobs.ts';
import { log, type Level } from '../observe/log.ts';

// Graphile Worker's own levels are spec §8.2's; its per-job INFO lines ("completed task …") cost a
// lot and say little, so they are logged at debug (LOG_LEVEL=debug shows them).
const LEVEL: Record<string, Level> = {
	error: 'error',
	warning: 'warning',
	info: 'debug',
	debug: 'debug'
};

/** The job a line of Graphile Worker's is about, from the meta it passes with some lines. */
type JobMeta = { job?: { id?: unknown; task_identifier?: unknown; payload?: unknown } };

/**
 * Graphile Worker's logger as JSON lines (server/observe/log.ts): the job's id and task, and the
 * request id the job was queued with — inside a task from its trace (server/observe/jobs.ts), and
 * on the worker's own lines about a job ("Completed task …", "Failed task …", logged after the
 * task returned) from the job's payload, which Graphile Worker passes along as meta.
 */
export const quietLogger = new Logger(
	(scope: { workerId?: string; taskIdentifier?: string; jobId?: string }) =>
		(level, message, meta?: unknown) => {
			const job = (meta as JobMeta | undefined)?.job;
			const jobId = scope.jobId ?? (job?.id != null ? String(job.id) : undefined);
			const task =
				scope.taskIdentifier ??
				(typeof job?.task_identifier === 'string' ? job.task_identifier : undefined);
			log.at(LEVEL[level] ?? 'info', `[worker] ${message}`, {
				...(scope.workerId ? { worker: scope.workerId } : {}),
				...(task ? { task } : {}),
				...(jobId ? { jobId: String(jobId) } : {}),
				...(job && jobId && !currentTrace() ? { requestId: jobRequestId(job.payload, jobId) } : {})
			});
		}
);
