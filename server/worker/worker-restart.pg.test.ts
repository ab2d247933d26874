import { spawn, type ChildProcess } from 'node:child_process';
import { makeWorkerUtils, quickAddJob, runOnce } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../../drizzle/seed/seed.ts';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { apiCreateBooking } from '../api/booking-create.ts';
import { apiConfirmPayment, apiCreatePaymentIntent } from '../api/payments.ts';
import { searchSlots } from '../booking/availability.ts';
import { closeDatabase } from '../db/client.ts';
import { quietLogger } from './logger.ts';
import { taskList } from './tasks.ts';

// A real worker process (server/worker/main.ts) killed in the middle of sending a reminder: the
// notification log row is reserved and the message is being written when the process dies. After
// the restart the reminder goes out, and the outbox holds it exactly once.

let pg: TestDatabase;
let worker: ChildProcess | undefined;
const post = (body: unknown) =>
	new Request('http://test/', { method: 'POST', body: JSON.stringify(body) });

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000) {
	const until = Date.now() + ms;
	for (;;) {
		const found = await probe();
		if (found !== undefined) return found;
		if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** A confirmed one-off clean, its confirmation sent: what is left is its reminder job. */
async function confirmedClean() {
	const [{ id: serviceId }] = await pg.sql`SELECT id FROM services WHERE slug = 'deep-clean-flat'`;
	let slot: { start: number; staffIds: string[] } | undefined;
	for (let d = 7; !slot && d < 14; d++) {
		const date = addDays(localDate(Date.now(), 'Europe/London'), d);
		const found = await searchSlots(pg.db, {
			serviceId,
			date,
			postcode: 'N16 9PD',
			now: Date.now()
		});
		if (found.ok) slot = found.slots[0];
	}
	const made = await apiCreateBooking(
		post({
			service_id: serviceId,
			start_time: new Date(slot!.start).toISOString(),
			staff_id: slot!.staffIds[0],
			customer: {
				name: 'Priya Shah',
				email: 'priya.shah@example.com',
				phone: '07700 900321',
				address_line1: '12 Albion Road',
				city: 'London',
				postcode: 'N16 9PD'
			}
		}),
		undefined
	);
	const { id, cancellation_token: token } = (await made.json()).data;
	const intent = await (
		await apiCreatePaymentIntent(post({ booking_id: id, token }), undefined)
	).json();
	await apiConfirmPayment(
		post({ booking_id: id, payment_intent_id: intent.data.payment_intent_id, token }),
		undefined
	);
	await runOnce({ connectionString: pg.url, taskList, logger: quietLogger, noHandleSignals: true });
	return id as string;
}

const reminders = (appointmentId: string) => pg.sql`
	SELECT channel, notification_key FROM outbox_messages
	WHERE appointment_id = ${appointmentId} AND notification_key LIKE '%:reminder@%' ORDER BY channel`;

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedIfEmpty(pg.url, new Date(), async (p) => `test-hash:${p}`);
	process.env.DATABASE_URL = pg.url;
	for (const name of ['SENDGRID_API_KEY', 'TWILIO_ACCOUNT_SID', 'STRIPE_SECRET_KEY']) {
		delete process.env[name];
	}
});

afterAll(async () => {
	worker?.kill('SIGKILL');
	await closeDatabase();
	await pg?.stop();
});

describe('a worker that dies mid-send', () => {
	it('reminder job survives a worker restart with exactly one message in the outbox', async () => {
		const id = await confirmedClean();
		await pg.sql`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = ${`remind:${id}`}`;

		// Hold the outbox still, so the worker stops inside the reminder's transaction: its log row
		// reserved, its message being written.
		const holder = await pg.sql.reserve();
		await holder`BEGIN`;
		await holder`LOCK TABLE outbox_messages IN SHARE MODE`;
		worker = spawn(process.execPath, ['--import', 'tsx', 'server/worker/main.ts'], {
			env: { ...process.env, DATABASE_URL: pg.url },
			stdio: 'ignore'
		});
		const blocked = await waitFor('the worker to be writing the reminder', async () => {
			const [row] = await pg.sql`
				SELECT pid FROM pg_stat_activity
				WHERE wait_event_type = 'Lock' AND query LIKE 'insert into "outbox_messages"%'`;
			return row?.pid as number | undefined;
		});
		const reserved = await pg.sql`
			SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
			WHERE l.pid = ${blocked} AND l.granted AND c.relname = 'notification_log'
				AND l.mode = 'RowExclusiveLock'`;
		expect(reserved).toHaveLength(1);
		const [lockedBy] = await pg.sql`
			SELECT locked_by FROM graphile_worker.jobs WHERE key = ${`remind:${id}`} AND locked_by IS NOT NULL`;
		expect(lockedBy).toBeDefined();

		// The worker dies; once the outbox is free its connection finds nobody there and rolls back.
		worker.kill('SIGKILL');
		await new Promise((resolve) => worker!.once('exit', resolve));
		await holder`ROLLBACK`;
		holder.release();
		await waitFor('the dead worker’s transaction to end', async () => {
			const rows = await pg.sql`SELECT 1 FROM pg_stat_activity WHERE pid = ${blocked}`;
			return rows.length === 0 ? true : undefined;
		});
		expect(await reminders(id)).toEqual([]);
		expect(
			await pg.sql`SELECT key FROM notification_log WHERE key LIKE ${`${id}:reminder@%`}`
		).toEqual([]);

		// The restart: the dead worker's job is unlocked (Graphile Worker does so by itself after
		// four hours; forceUnlockWorkers is the way for a worker known to be dead) and runs again.
		const utils = await makeWorkerUtils({ connectionString: pg.url, logger: quietLogger });
		try {
			await utils.forceUnlockWorkers([lockedBy.locked_by]);
		} finally {
			await utils.release();
		}
		await runOnce({
			connectionString: pg.url,
			taskList,
			logger: quietLogger,
			noHandleSignals: true
		});
		const sent = await reminders(id);
		expect(sent.map((m) => m.channel)).toEqual(['email', 'sms']);
		// runOnce may return just before the last job's completion is committed: wait for it.
		await waitFor('the reminder job to be done', async () => {
			const rows = await pg.sql`SELECT 1 FROM graphile_worker.jobs WHERE key = ${`remind:${id}`}`;
			return rows.length === 0 ? true : undefined;
		});
		const log = await pg.sql`
			SELECT status, attempts FROM notification_log WHERE key LIKE ${`${id}:reminder@%`}`;
		expect(log).toEqual([
			{ status: 'sent', attempts: 1 },
			{ status: 'sent', attempts: 1 }
		]);

		// And a reminder job for the same start, run once more, finds it sent.
		const [{ start_time }] = await pg.sql`SELECT start_time FROM appointments WHERE id = ${id}`;
		await quickAddJob({ connectionString: pg.url }, 'booking__remind', {
			appointmentId: id,
			startTime: Date.parse(start_time)
		});
		await runOnce({
			connectionString: pg.url,
			taskList,
			logger: quietLogger,
			noHandleSignals: true
		});
		expect(await reminders(id)).toHaveLength(2);
	});
});
