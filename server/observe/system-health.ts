import type { Sql } from 'postgres';
import type { AuthContext } from '../../sync/auth.ts';
import { brokenConnections } from '../calendar/connections.ts';
import type { Db } from '../db/client.ts';
import { jobQueueHealth, type JobQueueHealth } from './job-queue.ts';
import { redactText } from './redact.ts';

/** A worker stamps its heartbeat every 5 s (server/worker/main.ts); 20 s without one: gone. */
const WORKER_STALE_SECONDS = 20;
/** A backlog worth a word: jobs waiting longer than this, or more than this many. */
const SLOW_QUEUE_SECONDS = 60;
const LONG_QUEUE = 100;
/** Notifications looked at: the last week's. */
const NOTIFICATION_DAYS = 7;
/** A message "being sent" for longer than this was handed over and its answer lost. */
const SENDING_STALE_MINUTES = 15;

export type Problem = { what: string; todo: string };

export type SystemHealth = {
	queue: JobQueueHealth & { oldestTask: string | null };
	failedJobs: { task: string; count: number; lastError: string | null }[];
	workers: { alive: number; lastSeenAt: number | null };
	brokenCalendars: { name: string; provider: string }[];
	notifications: { failed: number; refused: number; unconfirmed: number };
	/** Each thing that needs someone, in plain words, with what to do; empty when all is well. */
	problems: Problem[];
};

/**
 * The office's System page (admins): the job queue, failed jobs, workers, broken calendar
 * connections and failed notifications, read now, with what to do about each problem.
 */
export async function systemHealth(
	{ db, sql }: { db: Db; sql: Sql },
	ctx: AuthContext
): Promise<SystemHealth> {
	const [queue, oldest, failedJobs, workers, brokenCalendars, notifications] = await Promise.all([
		jobQueueHealth(sql),
		sql<{ task: string }[]>`
			SELECT task_identifier AS task FROM graphile_worker.jobs
			WHERE run_at <= now() AND locked_at IS NULL AND attempts < max_attempts
			ORDER BY run_at LIMIT 1`,
		sql<{ task: string; count: number; lastError: string | null }[]>`
			SELECT task_identifier AS task, count(*)::int AS count,
				(array_agg(last_error ORDER BY updated_at DESC))[1] AS "lastError"
			FROM graphile_worker.jobs WHERE attempts >= max_attempts
			GROUP BY task_identifier ORDER BY count(*) DESC, task_identifier`,
		sql<{ alive: number; last: number | null }[]>`
			SELECT count(*) FILTER (
					WHERE last_seen_at > now() - make_interval(secs => ${WORKER_STALE_SECONDS}))::int AS alive,
				(extract(epoch FROM max(last_seen_at)) * 1000)::float8 AS last
			FROM worker_heartbeats`,
		brokenConnections(db, ctx),
		sql<{ failed: number; refused: number; unconfirmed: number }[]>`
			SELECT count(*) FILTER (WHERE status = 'failed')::int AS failed,
				count(*) FILTER (WHERE status = 'refused')::int AS refused,
				count(*) FILTER (WHERE status = 'sending'
					AND created_at < now() - make_interval(mins => ${SENDING_STALE_MINUTES}))::int AS unconfirmed
			FROM notification_log
			WHERE created_at > now() - make_interval(days => ${NOTIFICATION_DAYS})`
	]);
	const health: Omit<SystemHealth, 'problems'> = {
		queue: { ...queue, oldestTask: oldest[0]?.task ?? null },
		// A job's last error can quote what it was handling: masked like a log line.
		failedJobs: failedJobs.map((f) => ({
			...f,
			lastError: f.lastError && redactText(f.lastError).slice(0, 300)
		})),
		workers: { alive: workers[0].alive, lastSeenAt: workers[0].last },
		brokenCalendars,
		notifications: notifications[0]
	};
	return { ...health, problems: problemsOf(health) };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What needs someone, in plain words, each with the next step. */
export function problemsOf(h: Omit<SystemHealth, 'problems'>): Problem[] {
	const problems: Problem[] = [];
	if (h.workers.alive === 0) {
		problems.push({
			what: 'No background worker is running: confirmations, reminders and calendar sync are not being sent.',
			todo: 'Start the worker (it runs with `npm start`), or restart the app; check its log for why it stopped.'
		});
	}
	if (h.queue.oldestWaitSeconds > SLOW_QUEUE_SECONDS || h.queue.waiting > LONG_QUEUE) {
		problems.push({
			what: `${plural(h.queue.waiting, 'job')} waiting; the oldest for ${duration(h.queue.oldestWaitSeconds)}${h.queue.oldestTask ? ` (${h.queue.oldestTask})` : ''}.`,
			todo: 'If a worker is running, it cannot keep up: add a worker (WORKER_CONCURRENCY or a second process) or look for a slow provider in its log.'
		});
	}
	if (h.queue.failed > 0) {
		problems.push({
			what: `${plural(h.queue.failed, 'job')} failed for good after every retry.`,
			todo: 'Read the error below: fix the cause (a provider key, an address), then ask a developer to re-queue the jobs, or delete them if they no longer matter.'
		});
	}
	if (h.brokenCalendars.length > 0) {
		problems.push({
			what: `${plural(h.brokenCalendars.length, 'calendar connection')} broken: ${h.brokenCalendars.map((c) => c.name).join(', ')}.`,
			todo: 'Ask each of them to reconnect their calendar (Calendars page); until then their bookings are not added to it and its busy times do not block slots.'
		});
	}
	const n = h.notifications;
	if (n.failed + n.refused > 0) {
		problems.push({
			what: `${plural(n.failed + n.refused, 'email or text', 'emails or texts')} not sent in the last ${NOTIFICATION_DAYS} days (${n.failed} to be retried, ${n.refused} refused by the provider).`,
			todo: 'See which on the Outbox page: check the customer’s email address or phone number, and tell them yourself if it matters.'
		});
	}
	if (n.unconfirmed > 0) {
		problems.push({
			what: `${plural(n.unconfirmed, 'email or text', 'emails or texts')} handed to the provider without an answer.`,
			todo: 'Check the provider’s dashboard (SendGrid, Twilio) to see whether they went; they are not resent, so nobody gets two.'
		});
	}
	return problems;
}

function duration(seconds: number): string {
	if (seconds < 90) return plural(Math.round(seconds), 'second');
	if (seconds < 5400) return plural(Math.round(seconds / 60), 'minute');
	if (seconds < 172_800) return plural(Math.round(seconds / 3600), 'hour');
	return plural(Math.round(seconds / 86_400), 'day');
}
