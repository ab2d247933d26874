import { runOnce } from 'graphile-worker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSentry } from '../../tests/fakes/sentry.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { scheduleReminder } from '../notifications/enqueue.ts';
import { quietLogger } from '../worker/logger.ts';
import { withTrace } from './context.ts';
import { flushErrorReports } from './errors.ts';
import { traceTasks } from './jobs.ts';
import { captureLogs, log } from './log.ts';

let pg: TestDatabase;
let sentry: Awaited<ReturnType<typeof startFakeSentry>>;
let restore: (() => void) | undefined;
const dsnBefore = process.env.SENTRY_DSN;
beforeAll(async () => {
	[pg, sentry] = await Promise.all([startTestDatabase(), startFakeSentry()]);
});
afterEach(() => restore?.());
afterAll(async () => {
	if (dsnBefore === undefined) delete process.env.SENTRY_DSN;
	else process.env.SENTRY_DSN = dsnBefore;
	await Promise.all([pg?.stop(), sentry?.stop()]);
});

function capture() {
	const lines: Record<string, unknown>[] = [];
	restore = captureLogs((line) => lines.push(JSON.parse(line)), 'debug');
	return lines;
}

const appointmentId = '0197a3c2-5b1e-7c3d-9f00-1a2b3c4d5e6f';

describe('a request id, from the request into the job it queues', () => {
	it('is in the payload the request queued, and in every log line of the job', async () => {
		const now = Date.now();
		// As a request's handler would: the reminder queued inside the request's trace.
		await withTrace({ requestId: 'request-0001' }, () =>
			scheduleReminder(pg.db, appointmentId, now + 3_600_000, now)
		);
		const [job] = await pg.sql`SELECT id, payload FROM graphile_worker._private_jobs`;
		expect(job.payload).toMatchObject({ appointmentId, requestId: 'request-0001' });

		const lines = capture();
		const seen: unknown[] = [];
		await runOnce({
			connectionString: pg.url,
			noHandleSignals: true,
			logger: quietLogger,
			taskList: traceTasks({
				booking__remind: async (payload, helpers) => {
					seen.push(payload);
					log.info('reminder sent', { phone: '07700 900123' });
					helpers.logger.warn('provider slow for ann@example.com');
				}
			})
		});
		expect(seen).toHaveLength(1);
		const ours = lines.find((l) => l.msg === 'reminder sent');
		expect(ours).toMatchObject({
			level: 'info',
			requestId: 'request-0001',
			jobId: String(job.id),
			task: 'booking__remind',
			phone: '[redacted]'
		});
		// Graphile Worker's own logger, through ours: JSON, with the job and the request id.
		const worker = lines.find((l) => String(l.msg).includes('provider slow'));
		expect(worker).toMatchObject({
			level: 'warning',
			msg: '[worker] provider slow for [email]',
			requestId: 'request-0001',
			jobId: String(job.id),
			task: 'booking__remind'
		});
		// Its per-job "completed" line is debug, not info.
		const completed = lines.filter((l) => String(l.msg).includes('Completed task'));
		expect(completed.length).toBeGreaterThan(0);
		expect(completed.every((l) => l.level === 'debug')).toBe(true);
	});

	it('a job queued outside a request gets an id of its own', async () => {
		await pg.sql`DELETE FROM graphile_worker._private_jobs`;
		const now = Date.now();
		await scheduleReminder(pg.db, appointmentId, now + 3_600_000, now);
		const [job] = await pg.sql`SELECT id, payload FROM graphile_worker._private_jobs`;
		expect(job.payload).not.toHaveProperty('requestId');
		const lines = capture();
		await runOnce({
			connectionString: pg.url,
			noHandleSignals: true,
			logger: quietLogger,
			taskList: traceTasks({ booking__remind: async () => log.info('reminder sent') })
		});
		expect(lines.find((l) => l.msg === 'reminder sent')).toMatchObject({
			requestId: `job-${String(job.id).padStart(8, '0')}`,
			jobId: String(job.id)
		});
	});
});

describe('a failed job', () => {
	it('is logged with its request id; on its last attempt it is reported to Sentry', async () => {
		process.env.SENTRY_DSN = sentry.dsn;
		await pg.sql`DELETE FROM graphile_worker._private_jobs`;
		const add = (maxAttempts: number) =>
			withTrace(
				{ requestId: `request-${maxAttempts}-attempts` },
				() =>
					pg.sql`SELECT graphile_worker.add_job('calendar__push',
					${JSON.stringify({ requestId: `request-${maxAttempts}-attempts` })}::json,
					max_attempts := ${maxAttempts})`
			);
		await add(1);
		await add(5);
		const lines = capture();
		await runOnce({
			connectionString: pg.url,
			noHandleSignals: true,
			logger: quietLogger,
			taskList: traceTasks({
				calendar__push: async () => {
					throw new Error('Google said no to ann@example.com');
				}
			})
		});
		await flushErrorReports(5000);
		const ours = lines.filter((l) => String(l.msg).startsWith('job '));
		expect(ours.map((l) => [l.level, l.requestId]).sort()).toEqual([
			['error', 'request-1-attempts'],
			['warning', 'request-5-attempts']
		]);
		expect(JSON.stringify(lines)).not.toContain('ann@example.com');
		// Only the job that gave up is reported: a retry is routine.
		expect(sentry.events).toHaveLength(1);
		expect(sentry.events[0].tags).toMatchObject({
			request_id: 'request-1-attempts',
			task: 'calendar__push'
		});
		expect(sentry.events[0].exception?.values?.[0].value).toBe('Google said no to [email]');
	});
});
