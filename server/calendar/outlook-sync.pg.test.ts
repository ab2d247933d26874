import { runOnce } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import { startFakeMicrosoft, type FakeMicrosoft } from '../../tests/fakes/microsoft.ts';
import { connectThroughConsent } from '../../tests/support/calendar-connect.ts';
import { bookThroughRest } from '../../tests/support/book-rest.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import { assertTestCaTrusted } from '../../tests/support/test-ca.ts';
import { apiCancelBooking } from '../api/booking-manage.ts';
import { searchSlots } from '../booking/availability.ts';
import { closeDatabase } from '../db/client.ts';
import { quietLogger } from '../worker/logger.ts';
import { taskList } from '../worker/tasks.ts';
import { connectionOf, queuePull } from './connections.ts';

// The same sync through Outlook: MSAL and the Graph client against the HTTPS fake of Microsoft's
// identity platform and Graph. The rules are the provider-neutral ones of push.ts and pull.ts;
// this checks that they hold through the other driver: push, cancel, a busy time pulled into the
// slot list, a revoked grant.

const CLEANER = 'amira@valclean.test';
const OUTLOOK_ENV = [
	'OUTLOOK_CLIENT_ID',
	'OUTLOOK_CLIENT_SECRET',
	'OUTLOOK_AUTHORITY',
	'MICROSOFT_GRAPH_ROOT',
	'CALENDAR_TOKEN_KEY'
];
let pg: TestDatabase;
let microsoft: FakeMicrosoft;
let serviceId: string;
let staffId: string;
let calendarId: string;

const work = () =>
	runOnce({ connectionString: pg.url, taskList, logger: quietLogger, noHandleSignals: true });
const daysAhead = (n: number) => addDays(localDate(Date.now(), 'Europe/London'), n);

async function firstFree(fromDay: number) {
	for (let day = fromDay; day < fromDay + 14; day++) {
		const found = await searchSlots(pg.db, {
			serviceId,
			date: daysAhead(day),
			postcode: 'N16 9PD',
			staffId,
			now: Date.now()
		});
		const slot = found.ok ? found.slots.find((s) => s.staffIds.includes(staffId)) : undefined;
		if (slot) return { slot, day };
	}
	throw new Error('no free slot');
}

const book = (start: number) => bookThroughRest({ serviceId, start, staffId });

const ours = (appointmentId: string) =>
	microsoft.events(CLEANER).filter((e) => e.transactionId?.endsWith(appointmentId));

beforeAll(async () => {
	assertTestCaTrusted();
	pg = await startTestDatabase();
	await seedQuietDiary(pg.url);
	microsoft = await startFakeMicrosoft();
	microsoft.addUser(CLEANER, 'Amira');
	microsoft.signInAs(CLEANER);
	calendarId = microsoft.primaryCalendarId(CLEANER);
	Object.assign(process.env, {
		DATABASE_URL: pg.url,
		OUTLOOK_CLIENT_ID: microsoft.clientId,
		OUTLOOK_CLIENT_SECRET: microsoft.clientSecret,
		OUTLOOK_AUTHORITY: microsoft.authority,
		MICROSOFT_GRAPH_ROOT: microsoft.graphRoot,
		CALENDAR_TOKEN_KEY: Buffer.alloc(32, 7).toString('base64')
	});
	[{ id: serviceId }] = await pg.sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
	[{ id: staffId }] = await pg.sql`
		SELECT s.id FROM staff s JOIN users u ON u.id = s.user_id WHERE u.email = ${CLEANER}`;
	await connectThroughConsent(pg.db, 'outlook', CLEANER, calendarId);
	await work();
});

afterAll(async () => {
	for (const name of OUTLOOK_ENV) delete process.env[name];
	await closeDatabase();
	await microsoft?.stop();
	await pg?.stop();
});

describe('calendar sync with Outlook', () => {
	it('pushes a booking, takes it out when cancelled, and blocks slots under a busy event', async () => {
		const { slot, day } = await firstFree(8);
		const made = await book(slot.start);
		expect(made.http).toBe(201);
		await work();
		const [event] = ours(made.id);
		expect([event?.start, event?.end]).toEqual([slot.start, slot.end]);
		expect(event.subject).toContain('Ola Nowak');

		const cancelled = await apiCancelBooking(
			made.id,
			new Request('http://test/', {
				method: 'POST',
				body: JSON.stringify({ token: made.cancellation_token })
			}),
			new URL('http://test/'),
			undefined
		);
		expect(cancelled.status).toBe(200);
		await work();
		expect(ours(made.id)).toEqual([]);

		// A busy hour in Outlook over the (now free again) slot: not offered, not bookable.
		microsoft.addPersonalEvent(CLEANER, { start: slot.start, end: slot.start + 3_600_000 });
		microsoft.addPersonalEvent(CLEANER, {
			start: slot.start + 4 * 3_600_000,
			end: slot.start + 5 * 3_600_000,
			showAs: 'free'
		});
		const [{ id: amira }] = await pg.sql`SELECT id FROM users WHERE email = ${CLEANER}`;
		await queuePull(pg.db, amira);
		await work();
		const found = await searchSlots(pg.db, {
			serviceId,
			date: daysAhead(day),
			postcode: 'N16 9PD',
			staffId,
			now: Date.now()
		});
		expect(
			found.ok && found.slots.some((s) => s.start === slot.start && s.staffIds.includes(staffId))
		).toBe(false);
		expect((await book(slot.start)).http).toBe(409);
		expect(await pg.sql`SELECT 1 FROM calendar_busy WHERE user_id = ${amira}`).toHaveLength(1);
	});

	it('marks the connection broken when the grant is revoked', async () => {
		const [{ id: amira }] = await pg.sql`SELECT id FROM users WHERE email = ${CLEANER}`;
		microsoft.revoke(CLEANER);
		await queuePull(pg.db, amira);
		await work();
		expect((await connectionOf(pg.db, amira))?.status).toBe('broken');
	});
});
