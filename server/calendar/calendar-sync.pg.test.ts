import { runOnce } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import {
	startFakeGoogleCalendar,
	type FakeGoogleCalendar
} from '../../tests/fakes/google-calendar.ts';
import {
	connectGoogle,
	contextOfEmail,
	FAKE_GOOGLE_CLIENT,
	useFakeGoogle
} from '../../tests/support/calendar-connect.ts';
import { bookThroughRest } from '../../tests/support/book-rest.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import { apiCancelBooking, apiRescheduleBooking } from '../api/booking-manage.ts';
import { searchSlots } from '../booking/availability.ts';
import { closeDatabase } from '../db/client.ts';
import { quietLogger } from '../worker/logger.ts';
import { taskList } from '../worker/tasks.ts';
import { brokenConnections, connectionOf, queuePull } from './connections.ts';

// Two-way sync with Google Calendar through the real googleapis SDK against the local fake, with
// the real worker tasks over a real Postgres: bookings pushed, moved, handed on and cancelled;
// personal events blocking slots; a stale sync token; a revoked grant; reconnecting.

const CLEANER = 'amira@valclean.test';
let pg: TestDatabase;
let google: FakeGoogleCalendar;
let serviceId: string;
let forgetFake: (() => void) | undefined;
let amiraStaffId: string;
let otherStaffId: string;

const iso = (ms: number) => new Date(ms).toISOString();
const postJson = (body: unknown) =>
	new Request('http://test/', { method: 'POST', body: JSON.stringify(body) });
const daysAhead = (n: number) => addDays(localDate(Date.now(), 'Europe/London'), n);
const HOUR = 3_600_000;

const contextOf = (email: string) => contextOfEmail(pg.db, email);

async function work() {
	await runOnce({ connectionString: pg.url, taskList, logger: quietLogger, noHandleSignals: true });
}

async function connect() {
	await connectGoogle(pg.db, google, CLEANER);
	await work();
}

/** The first slot of the cleaner's from that day on (two weeks at most), not before `notBefore`. */
async function freeSlot(staffId: string, fromDay: number, notBefore = 0) {
	for (let day = fromDay; day < fromDay + 14; day++) {
		const found = await searchSlots(pg.db, {
			serviceId,
			date: daysAhead(day),
			postcode: 'N16 9PD',
			staffId,
			now: Date.now()
		});
		const slot = found.ok
			? found.slots.find((s) => s.staffIds.includes(staffId) && s.start >= notBefore)
			: undefined;
		if (slot) return slot;
	}
	throw new Error(`no free slot from day ${fromDay}`);
}

const book = (staffId: string, start: number) => bookThroughRest({ serviceId, start, staffId });

const live = () => google.liveEvents(CLEANER).filter((e) => e.extendedProperties?.private);
const inserts = () =>
	google.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/events')).length;

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedQuietDiary(pg.url);
	google = await startFakeGoogleCalendar(FAKE_GOOGLE_CLIENT);
	process.env.DATABASE_URL = pg.url;
	forgetFake = useFakeGoogle(google);
	[{ id: serviceId }] = await pg.sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
	[{ id: amiraStaffId }] =
		await pg.sql`SELECT s.id FROM staff s JOIN users u ON u.id = s.user_id WHERE u.email = ${CLEANER}`;
	// Another cleaner who does this clean in N16 (none of them has a calendar connected).
	const found = await searchSlots(pg.db, {
		serviceId,
		date: daysAhead(8),
		postcode: 'N16 9PD',
		now: Date.now()
	});
	otherStaffId = (found.ok ? found.slots : [])
		.flatMap((s) => s.staffIds)
		.find((id) => id !== amiraStaffId)!;
	await connect();
});

afterAll(async () => {
	await closeDatabase();
	await google?.close();
	await pg?.stop();
	forgetFake?.();
});

describe('pushing bookings to the cleaner’s Google Calendar', () => {
	it('stores the grant sealed, never in plain text', async () => {
		const [row] = await pg.sql`SELECT refresh_token, access_token, account, calendar_id
			FROM calendar_credentials`;
		expect(row.refresh_token).toMatch(/^v2\./);
		expect(row.access_token ?? 'v2.').toMatch(/^v2\./);
		expect([row.account, row.calendar_id]).toEqual([CLEANER, CLEANER]);
	});

	it('creates, moves, hands on and cancels the event, one job per booking', async () => {
		const slot = await freeSlot(amiraStaffId, 8);
		const made = await book(amiraStaffId, slot.start);
		expect(made.http).toBe(201);
		const before = inserts();
		await work();
		let events = live().filter(
			(e) => e.extendedProperties!.private!.valcleanAppointment === made.id
		);
		expect(events).toHaveLength(1);
		expect(Date.parse(events[0].start.dateTime!)).toBe(slot.start);
		expect(events[0].summary).toContain('Ola Nowak');
		expect(events[0].location).toContain('N16 9PD');
		expect(inserts()).toBe(before + 1);

		// Two moves before the worker runs: one queued push, which writes the latest time.
		const office = await contextOf('admin@valclean.test');
		const later = await freeSlot(amiraStaffId, 8, slot.start + 3 * HOUR);
		const latest = await freeSlot(amiraStaffId, 8, later.start + 3 * HOUR);
		for (const to of [later, latest]) {
			const moved = await apiRescheduleBooking(
				made.id,
				postJson({ start_time: iso(to.start) }),
				new URL('http://test/'),
				office
			);
			expect(moved.status).toBe(200);
		}
		const queued = await pg.sql`SELECT 1 FROM graphile_worker.jobs
			WHERE key = ${`calendar-push:${made.id}`}`;
		expect(queued).toHaveLength(1);
		await work();
		events = live().filter((e) => e.extendedProperties!.private!.valcleanAppointment === made.id);
		expect(events.map((e) => Date.parse(e.start.dateTime!))).toEqual([latest.start]);
		expect(inserts()).toBe(before + 1);

		// Handed to a cleaner with no calendar: out of Amira's.
		const other = await freeSlot(otherStaffId, 8, latest.start);
		const handed = await apiRescheduleBooking(
			made.id,
			postJson({ start_time: iso(other.start), staff_id: otherStaffId }),
			new URL('http://test/'),
			office
		);
		expect(handed.status).toBe(200);
		await work();
		expect(
			live().filter((e) => e.extendedProperties!.private!.valcleanAppointment === made.id)
		).toEqual([]);
		expect(
			await pg.sql`SELECT 1 FROM calendar_events WHERE appointment_id = ${made.id}`
		).toHaveLength(0);

		// Back to Amira: the same event comes back (its id is the booking's), then the cancel.
		const back = await freeSlot(amiraStaffId, 9);
		await apiRescheduleBooking(
			made.id,
			postJson({ start_time: iso(back.start), staff_id: amiraStaffId }),
			new URL('http://test/'),
			office
		);
		await work();
		expect(
			live().filter((e) => e.extendedProperties!.private!.valcleanAppointment === made.id)
		).toHaveLength(1);
		const cancelled = await apiCancelBooking(
			made.id,
			postJson({ token: made.cancellation_token }),
			new URL('http://test/'),
			undefined
		);
		expect(cancelled.status).toBe(200);
		await work();
		expect(
			live().filter((e) => e.extendedProperties!.private!.valcleanAppointment === made.id)
		).toEqual([]);
	});

	it('makes one event when the provider’s answer to the insert is lost and the push is retried', async () => {
		const slot = await freeSlot(amiraStaffId, 10);
		google.failNext('POST', 'lose', /\/events$/);
		const made = await book(amiraStaffId, slot.start);
		await work();
		// The first attempt failed (its answer never came): the job waits for its retry.
		const [job] = await pg.sql`SELECT attempts FROM graphile_worker.jobs
			WHERE key = ${`calendar-push:${made.id}`}`;
		expect(job.attempts).toBe(1);
		await pg.sql`UPDATE graphile_worker._private_jobs SET run_at = now()
			WHERE key = ${`calendar-push:${made.id}`}`;
		await work();
		const events = google
			.events(CLEANER)
			.filter((e) => e.extendedProperties?.private?.valcleanAppointment === made.id);
		expect(events).toHaveLength(1);
		expect(events[0].status).toBe('confirmed');
	});
});

describe('pulling busy times from the cleaner’s calendar', () => {
	it('blocks the slots under a personal event, follows its moves, and frees them when it goes', async () => {
		const slot = await freeSlot(amiraStaffId, 12);
		const personal = google.addEvent(CLEANER, { start: slot.start, end: slot.start + HOUR });
		const freeEvent = google.addEvent(
			CLEANER,
			{ start: slot.start + 5 * HOUR, end: slot.start + 6 * HOUR },
			{ transparent: true }
		);
		await queuePull(pg.db, (await contextOf(CLEANER)).userID);
		await work();
		const offered = async (start: number) => {
			const found = await searchSlots(pg.db, {
				serviceId,
				date: daysAhead(12),
				postcode: 'N16 9PD',
				staffId: amiraStaffId,
				now: Date.now()
			});
			return (
				found.ok && found.slots.some((s) => s.start === start && s.staffIds.includes(amiraStaffId))
			);
		};
		expect(await offered(slot.start)).toBe(false);
		// The write path refuses it too, not only the slot list.
		expect((await book(amiraStaffId, slot.start)).http).toBe(409);
		const [busy] = await pg.sql`SELECT source FROM staff_busy b JOIN calendar_busy c ON c.id = b.id
			WHERE c.event_id = ${personal}`;
		expect(busy.source).toBe('calendar');
		expect(await pg.sql`SELECT 1 FROM calendar_busy WHERE event_id = ${freeEvent}`).toHaveLength(0);

		// A repeating event deleted as a whole: Google may name only the series; its occurrences
		// (ids `<series>_<start>`) go with it.
		const series = 'weekly0yoga0class';
		const occurrence = google.addEvent(
			CLEANER,
			{ start: slot.start + 7 * HOUR, end: slot.start + 8 * HOUR },
			{ id: `${series}_20270104T180000Z` }
		);
		google.addEvent(
			CLEANER,
			{ start: slot.start + 9 * HOUR, end: slot.start + 10 * HOUR },
			{ id: series }
		);
		await queuePull(pg.db, (await contextOf(CLEANER)).userID);
		await work();
		expect(await pg.sql`SELECT 1 FROM calendar_busy WHERE event_id = ${occurrence}`).toHaveLength(
			1
		);
		google.deleteEvent(CLEANER, series);
		await queuePull(pg.db, (await contextOf(CLEANER)).userID);
		await work();
		expect(
			await pg.sql`SELECT 1 FROM calendar_busy WHERE event_id LIKE ${series + '%'}`
		).toHaveLength(0);

		// The token goes stale at Google: the next pull reads everything again and stays right.
		google.expireSyncTokens();
		google.deleteEvent(CLEANER, personal);
		await queuePull(pg.db, (await contextOf(CLEANER)).userID);
		await work();
		expect(await offered(slot.start)).toBe(true);
		expect(await pg.sql`SELECT 1 FROM calendar_busy WHERE event_id = ${personal}`).toHaveLength(0);
	});
});

describe('a revoked grant', () => {
	it('marks the connection broken, stops retrying, tells the office, and a reconnection resyncs', async () => {
		const ctx = await contextOf(CLEANER);
		google.revoke(CLEANER);
		const slot = await freeSlot(amiraStaffId, 14);
		const made = await book(amiraStaffId, slot.start);
		await work();
		const connection = await connectionOf(pg.db, ctx.userID);
		expect(connection?.status).toBe('broken');
		// Done, not waiting for a retry that cannot help.
		expect(
			await pg.sql`SELECT 1 FROM graphile_worker.jobs WHERE key = ${`calendar-push:${made.id}`}`
		).toHaveLength(0);
		const admin = await contextOf('admin@valclean.test');
		expect(await brokenConnections(pg.db, admin)).toEqual([
			{ name: expect.any(String), provider: 'google' }
		]);
		// While broken, changes queue nothing.
		const other = await book(amiraStaffId, (await freeSlot(amiraStaffId, 15)).start);
		expect(
			await pg.sql`SELECT 1 FROM graphile_worker.jobs WHERE key = ${`calendar-push:${other.id}`}`
		).toHaveLength(0);

		await connect();
		expect((await connectionOf(pg.db, ctx.userID))?.status).toBe('active');
		expect(await brokenConnections(pg.db, admin)).toEqual([]);
		const mine = live().map((e) => e.extendedProperties!.private!.valcleanAppointment);
		expect(mine).toEqual(expect.arrayContaining([made.id, other.id]));
	});
});
