import type { Sql } from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import { jobQueueHealth } from './job-queue.ts';
import { createMetrics } from './metrics.ts';

let pg: TestDatabase;
beforeAll(async () => {
	pg = await startTestDatabase();
});
afterAll(() => pg?.stop());
beforeEach(async () => {
	await pg.sql`DELETE FROM graphile_worker._private_jobs`;
});

const addJob = (task: string, runAt: string, maxAttempts = 5) =>
	pg.sql`SELECT graphile_worker.add_job(${task}, '{}'::json,
		run_at := now() + ${runAt}::interval, max_attempts := ${maxAttempts})`;

/** The value of an unlabelled metric in Prometheus's text format. */
const valueOf = (text: string, name: string) => {
	const line = text.split('\n').find((l) => l.startsWith(`${name} `));
	return line === undefined ? undefined : Number(line.split(' ')[1]);
};

async function seedQueue() {
	await addJob('booking__remind', '-90 seconds');
	await addJob('booking__remind', '-10 seconds');
	await addJob('booking__notify_confirmed', '1 hour');
	// One that used all its attempts, and one a worker has taken.
	await addJob('calendar__push', '-1 hour', 1);
	await pg.sql`SELECT graphile_worker.permanently_fail_jobs(
		ARRAY(SELECT id FROM graphile_worker.jobs WHERE task_identifier = 'calendar__push'), 'gone')`;
	await addJob('calendar__pull', '-1 hour');
	await pg.sql`UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'w1'
		WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'calendar__pull')`;
}

describe('jobQueueHealth', () => {
	it('is all zeros with nothing queued', async () => {
		expect(await jobQueueHealth(pg.sql)).toEqual({
			waiting: 0,
			oldestWaitSeconds: 0,
			failed: 0,
			running: 0,
			scheduled: 0
		});
	});

	it('counts jobs due and waiting, the oldest wait, failed, running and scheduled', async () => {
		await seedQueue();
		const health = await jobQueueHealth(pg.sql);
		expect(health).toMatchObject({ waiting: 2, failed: 1, running: 1, scheduled: 1 });
		expect(health.oldestWaitSeconds).toBeGreaterThanOrEqual(90);
		expect(health.oldestWaitSeconds).toBeLessThan(120);
	});
});

describe('the metrics collector', () => {
	it('reads the queue at scrape time, in one query for the three gauges', async () => {
		let queries = 0;
		const counted = new Proxy(pg.sql, {
			apply(target, self, args) {
				if (String(args[0]).includes('graphile_worker.jobs')) queries++;
				return Reflect.apply(target, self, args);
			}
		});
		const metrics = createMetrics(() => counted);
		const empty = await metrics.registry.metrics();
		expect(valueOf(empty, 'valclean_job_queue_depth')).toBe(0);
		await seedQueue();
		await new Promise((r) => setTimeout(r, 1100));
		queries = 0;
		const text = await metrics.registry.metrics();
		expect(queries).toBe(1);
		expect(valueOf(text, 'valclean_job_queue_depth')).toBe(2);
		expect(valueOf(text, 'valclean_jobs_failed')).toBe(1);
		expect(valueOf(text, 'valclean_job_oldest_wait_seconds')).toBeGreaterThanOrEqual(90);
	});

	it('reads the day’s payments by outcome from the database: refunded ones were taken', async () => {
		await seedQuietDiary(pg.url);
		const [booking] = await pg.sql`SELECT id FROM customer_appointments LIMIT 1`;
		await pg.sql`DELETE FROM payments`;
		const pay = (status: string, age = '1 minute') => pg.sql`
			INSERT INTO payments (customer_appointment_id, amount, payment_method, status, created_at)
			VALUES (${booking.id}, 5000, 'card', ${status}, now() - ${age}::interval)`;
		for (const status of ['succeeded', 'succeeded', 'refunded', 'failed', 'pending'])
			await pay(status);
		await pay('failed', '25 hours');
		const text = await createMetrics(() => pg.sql).registry.metrics();
		expect(text).toContain('valclean_payments_last_24h{status="succeeded"} 3');
		expect(text).toContain('valclean_payments_last_24h{status="failed"} 1');
		expect(text).toContain('valclean_payments_last_24h{status="pending"} 1');
	});

	it('reports NaN, not a reassuring zero, when Postgres does not answer', async () => {
		const broken = (() => Promise.reject(new Error('connection refused'))) as unknown as Sql;
		const text = await createMetrics(() => broken).registry.metrics();
		expect(valueOf(text, 'valclean_job_queue_depth')).toBeNaN();
		expect(text).toContain('valclean_job_queue_depth Nan');
		expect(text).toContain('valclean_payments_last_24h{status="failed"} Nan');
	});

	it('labels request durations by route id and status class, and counts what it is told', async () => {
		const metrics = createMetrics(() => pg.sql);
		metrics.httpDuration.observe({ route: '/booking/[id]', method: 'GET', status: '2xx' }, 0.02);
		metrics.bookingsCreated.inc();
		metrics.fieldUpload.observe(12);
		const text = await metrics.registry.metrics();
		expect(text).toContain(
			'valclean_http_request_duration_seconds_count{route="/booking/[id]",method="GET",status="2xx"} 1'
		);
		expect(valueOf(text, 'valclean_bookings_created_total')).toBe(1);
		expect(valueOf(text, 'valclean_field_events_waiting_per_device_sum')).toBe(12);
	});
});
