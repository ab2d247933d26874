import type { Sql } from 'postgres';

export type JobQueueHealth = {
	/** Jobs due now that no worker has taken yet. */
	waiting: number;
	/** How long the longest-waiting of them has been due, in seconds (0 when none waits). */
	oldestWaitSeconds: number;
	/** Jobs that used all their attempts: Graphile Worker keeps them but never runs them again. */
	failed: number;
	/** Jobs a worker is running now. */
	running: number;
	/** Jobs due later (reminders, hold expiries, retries after a back-off). */
	scheduled: number;
};

/**
 * The job queue in one cheap query over Graphile Worker's public `jobs` view (its private tables
 * change between versions). Read at scrape time by /metrics and by the office's System page.
 */
export async function jobQueueHealth(sql: Sql): Promise<JobQueueHealth> {
	const [row] = await sql<JobQueueHealth[]>`
		SELECT
			count(*) FILTER (WHERE ready)::int AS waiting,
			coalesce(extract(epoch FROM now() - min(run_at) FILTER (WHERE ready)), 0)::float8
				AS "oldestWaitSeconds",
			count(*) FILTER (WHERE attempts >= max_attempts)::int AS failed,
			count(*) FILTER (WHERE locked_at IS NOT NULL AND attempts < max_attempts)::int AS running,
			count(*) FILTER (WHERE run_at > now() AND attempts < max_attempts AND locked_at IS NULL)::int
				AS scheduled
		FROM (
			SELECT run_at, attempts, max_attempts, locked_at,
				(run_at <= now() AND locked_at IS NULL AND attempts < max_attempts) AS ready
			FROM graphile_worker.jobs
		) j`;
	return row;
}
