import { spawn, type ChildProcess } from 'node:child_process';
import { makeWorkerUtils, runOnce } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import {
	startFakeGoogleCalendar,
	type FakeGoogleCalendar
} from '../../tests/fakes/google-calendar.ts';
import {
	connectGoogle,
	FAKE_GOOGLE_CLIENT,
	useFakeGoogle
} from '../../tests/support/calendar-connect.ts';
import { bookThroughRest, TEST_CUSTOMER } from '../../tests/support/book-rest.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import { searchSlots } from '../booking/availability.ts';
import { closeDatabase } from '../db/client.ts';
import { quietLogger } from '../worker/logger.ts';
import { taskList } from '../worker/tasks.ts';

// A real worker process (server/worker/main.ts) killed in the middle of a push: Google has made
// the event, and the worker dies before it has stored which event that was. After the restart the
// push runs again and finds the event by the booking's id: one event in the calendar, not two.

const CLEANER = 'amira@valclean.test';
let pg: TestDatabase;
let google: FakeGoogleCalendar;
let forgetFake: (() => void) | undefined;
let worker: ChildProcess | undefined;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000) {
	const until = Date.now() + ms;
	for (;;) {
		const found = await probe();
		if (found !== undefined) return found;
		if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

const work = () =>
	runOnce({ connectionString: pg.url, taskList, logger: quietLogger, noHandleSignals: true });

async function bookAmira() {
	const [{ id: serviceId }] =
		await pg.sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
	const [{ id: staffId }] = await pg.sql`
		SELECT s.id FROM staff s JOIN users u ON u.id = s.user_id WHERE u.email = ${CLEANER}`;
	for (let d = 7; d < 21; d++) {
		const found = await searchSlots(pg.db, {
			serviceId,
			date: addDays(localDate(Date.now(), 'Europe/London'), d),
			postcode: 'N16 9PD',
			staffId,
			now: Date.now()
		});
		const slot = found.ok ? found.slots.find((s) => s.staffIds.includes(staffId)) : undefined;
		if (!slot) continue;
		const made = await bookThroughRest({
			serviceId,
			start: slot.start,
			staffId,
			customer: { ...TEST_CUSTOMER, name: 'Priya Shah', email: 'priya.shah@example.com' }
		});
		expect(made.http).toBe(201);
		return made.id;
	}
	throw new Error('Amira has no free slot in the next three weeks');
}

const ours = (appointmentId: string) =>
	google
		.liveEvents(CLEANER)
		.filter((e) => e.extendedProperties?.private?.valcleanAppointment === appointmentId);

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedQuietDiary(pg.url);
	process.env.DATABASE_URL = pg.url;
	google = await startFakeGoogleCalendar(FAKE_GOOGLE_CLIENT);
	forgetFake = useFakeGoogle(google);
	await connectGoogle(pg.db, google, CLEANER);
	await work();
});

afterAll(async () => {
	worker?.kill('SIGKILL');
	forgetFake?.();
	await closeDatabase();
	await google?.close();
	await pg?.stop();
});

describe('a worker that dies mid-push', () => {
	it('leaves exactly one event in the calendar once a worker runs the push again', async () => {
		// Hold calendar_events still, so the worker stops after Google's answer, while storing it.
		const holder = await pg.sql.reserve();
		await holder`BEGIN`;
		await holder`LOCK TABLE calendar_events IN SHARE MODE`;
		const id = await bookAmira();
		worker = spawn(process.execPath, ['--import', 'tsx', 'server/worker/main.ts'], {
			env: { ...process.env, DATABASE_URL: pg.url },
			stdio: 'ignore'
		});
		const blocked = await waitFor('the worker to be storing the pushed event', async () => {
			const [row] = await pg.sql`
				SELECT pid FROM pg_stat_activity
				WHERE wait_event_type = 'Lock' AND query LIKE 'insert into "calendar_events"%'`;
			return row?.pid as number | undefined;
		});
		expect(ours(id)).toHaveLength(1);
		const [lockedBy] = await pg.sql`SELECT locked_by FROM graphile_worker.jobs
			WHERE key = ${`calendar-push:${id}`} AND locked_by IS NOT NULL`;
		expect(lockedBy).toBeDefined();

		worker.kill('SIGKILL');
		await new Promise((resolve) => worker!.once('exit', resolve));
		await holder`ROLLBACK`;
		holder.release();
		await waitFor('the dead worker’s transaction to end', async () => {
			const rows = await pg.sql`SELECT 1 FROM pg_stat_activity WHERE pid = ${blocked}`;
			return rows.length === 0 ? true : undefined;
		});
		expect(await pg.sql`SELECT 1 FROM calendar_events WHERE appointment_id = ${id}`).toEqual([]);

		// The restart (see worker-restart.pg.test.ts on unlocking a dead worker's jobs).
		const utils = await makeWorkerUtils({ connectionString: pg.url, logger: quietLogger });
		try {
			await utils.forceUnlockWorkers([lockedBy.locked_by]);
		} finally {
			await utils.release();
		}
		await work();
		await waitFor('the push to be stored', async () => {
			const rows = await pg.sql`SELECT event_id FROM calendar_events WHERE appointment_id = ${id}`;
			return rows.length ? rows : undefined;
		});
		expect(ours(id)).toHaveLength(1);
		const inserts = google.requests.filter(
			(r) => r.method === 'POST' && r.path.endsWith('/events')
		);
		// The second insert was refused as a duplicate and became an update.
		expect(inserts.length).toBe(2);
	});
});
