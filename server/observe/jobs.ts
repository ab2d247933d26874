import type { JobHelpers, Task, TaskList } from 'graphile-worker';
import { requestIdFrom, withTrace } from './context.ts';
import { reportError } from './errors.ts';
import { log } from './log.ts';

/** The request id a job was queued with (context.ts `jobPayload`), else one for the job itself. */
export function jobRequestId(payload: unknown, jobId: string): string {
	const carried =
		payload && typeof payload === 'object' && !Array.isArray(payload)
			? (payload as { requestId?: unknown }).requestId
			: undefined;
	// Padded so that it stays a sane id (context.ts) when passed on to the jobs this one queues.
	return typeof carried === 'string' ? requestIdFrom(carried) : `job-${jobId.padStart(8, '0')}`;
}

/**
 * Every task run inside its trace (request id, job id, task), so its log lines and the database
 * work it does can be followed back to the request that queued it. A failure is logged; on the
 * job's last attempt — when Graphile Worker gives up and the job stays failed — it is also sent
 * to Sentry (earlier attempts are retried, often successfully, and would only be noise).
 */
export function traceTask(name: string, task: Task): Task {
	return async (payload, helpers: JobHelpers) => {
		const { job } = helpers;
		const trace = { requestId: jobRequestId(payload, job.id), jobId: job.id, task: name };
		return withTrace(trace, async () => {
			try {
				return await task(payload, helpers);
			} catch (error) {
				const last = job.attempts >= job.max_attempts;
				const fields = { attempt: job.attempts, maxAttempts: job.max_attempts, error };
				if (last) {
					log.error('job failed for good: no attempts left', fields);
					reportError(error, { attempt: job.attempts, maxAttempts: job.max_attempts });
				} else log.warning('job attempt failed; it will be retried', fields);
				throw error;
			}
		});
	};
}

export function traceTasks(tasks: TaskList): TaskList {
	return Object.fromEntries(
		Object.entries(tasks).flatMap(([name, task]) => (task ? [[name, traceTask(name, task)]] : []))
	);
}
