import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthContext } from '../../sync/auth.ts';
import { contextOfEmail } from '../../tests/support/calendar-connect.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import { systemHealth } from './system-health.ts';

let pg: TestDatabase;
let admin: AuthContext;
beforeAll(async () => {
	pg = await startTestDatabase();
	await seedQuietDiary(pg.url);
	admin = await contextOfEmail(pg.db, 'admin@valclean.test');
});
afterAll(() => pg?.stop());

const read = () => systemHealth({ db: pg.db, sql: pg.sql }, admin);

describe('systemHealth', () => {
	it('with a worker running and nothing wrong: no problems', async () => {
		await pg.sql`INSERT INTO worker_heartbeats (worker_id, last_seen_at) VALUES ('w1', now())`;
		const h = await read();
		expect(h.problems).toEqual([]);
		expect(h.workers.alive).toBe(1);
		expect(h.queue).toMatchObject({ waiting: 0, failed: 0, oldestTask: null });
		expect(h.brokenCalendars).toEqual([]);
	});

	it('says what is wrong and what to do, for each thing that is', async () => {
		// The worker went quiet a minute ago.
		await pg.sql`UPDATE worker_heartbeats SET last_seen_at = now() - interval '1 minute'`;
		// A backlog: a reminder due five minutes ago, and a calendar push that gave up.
		await pg.sql`SELECT graphile_worker.add_job('booking__remind', '{}'::json,
			run_at := now() - interval '5 minutes')`;
		await pg.sql`SELECT graphile_worker.add_job('calendar__push', '{}'::json, max_attempts := 1)`;
		await pg.sql`SELECT graphile_worker.permanently_fail_jobs(
			ARRAY(SELECT id FROM graphile_worker.jobs WHERE task_identifier = 'calendar__push'),
			'Google refused the grant of ann@example.com')`;
		// A cleaner's calendar connection broken.
		const [cleaner] = await pg.sql`
			SELECT u.id, u.name FROM users u JOIN staff s ON s.user_id = u.id ORDER BY u.name LIMIT 1`;
		await pg.sql`INSERT INTO calendar_credentials (user_id, provider, status, broken_reason)
			VALUES (${cleaner.id}, 'google', 'broken', 'revoked')`;
		// Two messages not sent (one to retry, one refused), one sent, one old failure.
		const [job] = await pg.sql`SELECT id FROM appointments LIMIT 1`;
		const note = (key: string, status: string, age = '1 hour') => pg.sql`
			INSERT INTO notification_log
				(key, appointment_id, kind, recipient, channel, to_address, driver, status, created_at)
			VALUES (${key}, ${job.id}, 'reminder', 'customer', 'sms', '07700900123', 'twilio', ${status},
				now() - ${age}::interval)`;
		await note('a', 'failed');
		await note('b', 'refused');
		await note('c', 'sent');
		await note('d', 'failed', '30 days');

		const h = await read();
		expect(h.workers.alive).toBe(0);
		expect(h.queue).toMatchObject({ waiting: 1, failed: 1, oldestTask: 'booking__remind' });
		expect(h.failedJobs).toEqual([
			{ task: 'calendar__push', count: 1, lastError: 'Google refused the grant of [email]' }
		]);
		expect(h.brokenCalendars).toEqual([{ name: cleaner.name, provider: 'google' }]);
		expect(h.notifications).toEqual({ failed: 1, refused: 1, unconfirmed: 0 });
		expect(h.problems.map((p) => p.what)).toEqual([
			'No background worker is running: confirmations, reminders and calendar sync are not being sent.',
			'1 job waiting; the oldest for 5 minutes (booking__remind).',
			'1 job failed for good after every retry.',
			`1 calendar connection broken: ${cleaner.name}.`,
			'2 emails or texts not sent in the last 7 days (1 to be retried, 1 refused by the provider).'
		]);
		for (const p of h.problems) expect(p.todo.length).toBeGreaterThan(20);
	});
});
