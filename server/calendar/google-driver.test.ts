import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	startFakeGoogleCalendar,
	type FakeGoogleCalendar
} from '../../tests/fakes/google-calendar.ts';
import { googleCalendarProvider } from './google-driver.ts';
import { APPOINTMENT_MARK, googleEventId } from './google-events.ts';
import {
	GrantRevoked,
	SyncTokenStale,
	type CalendarEventBody,
	type CalendarProvider,
	type Credentials
} from './port.ts';

// The real @googleapis/calendar SDK and google-auth-library against the local fake.

const clientId = 'fake-client.apps.googleusercontent.com';
const clientSecret = 'fake-secret';
const redirectUri = 'http://127.0.0.1:5173/calendar-connect/google/callback';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** All-day events fall in a year that is always ahead of the test's clock. */
const NEXT_YEAR = new Date().getUTCFullYear() + 1;

let fake: FakeGoogleCalendar;
let google: CalendarProvider;

beforeAll(async () => {
	fake = await startFakeGoogleCalendar({ clientId, clientSecret });
	google = googleCalendarProvider({
		clientId,
		clientSecret,
		apiRoot: fake.url,
		oauthRoot: fake.url
	});
});
afterAll(() => fake?.close());

let accounts = 0;
/** Consent as a new account, following the redirect as a browser would; the code and the grant. */
async function consent(provider = google) {
	const email = `cleaner${++accounts}@example.com`;
	fake.consentAs(email);
	const url = await provider.authorisationUrl(`state-${accounts}`, redirectUri);
	const answer = await fetch(url, { redirect: 'manual' });
	expect(answer.status).toBe(302);
	const back = new URL(answer.headers.get('location')!);
	expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
	expect(back.searchParams.get('state')).toBe(`state-${accounts}`);
	return { email, url: new URL(url), code: back.searchParams.get('code')! };
}

async function connect() {
	const { email, code } = await consent();
	const { credentials, account } = await google.exchangeCode(code, redirectUri);
	expect(account).toBe(email);
	const stored: Credentials[] = [];
	const client = google.client(credentials, async (next) => {
		stored.push(next);
	});
	return { email, credentials, client, stored };
}

const booking = (
	appointmentId: string,
	start: number,
	summary = 'Regular clean'
): CalendarEventBody => ({
	appointmentId,
	summary,
	description: 'Kitchen, bathroom and living room',
	location: '3 Albion Road, London N16 9PD',
	start,
	end: start + 2 * HOUR,
	timeZone: 'Europe/London'
});

const inserts = (calendarId: string) =>
	fake.requests.filter(
		(r) => r.method === 'POST' && r.path === `/calendar/v3/calendars/${calendarId}/events`
	).length;

/** 10:00 UTC, `days` from now. */
function daysAhead(days: number) {
	const day = new Date(Date.now() + days * DAY);
	day.setUTCHours(10, 0, 0, 0);
	return day.getTime();
}

describe('connecting', () => {
	it('sends the user to consent with offline access and the calendar scopes, and swaps the code for a grant and the email', async () => {
		const { email, url, code } = await consent();
		expect(url.pathname).toBe('/o/oauth2/v2/auth');
		expect(url.searchParams.get('access_type')).toBe('offline');
		expect(url.searchParams.get('prompt')).toBe('consent');
		expect(url.searchParams.get('client_id')).toBe(clientId);
		expect(url.searchParams.get('redirect_uri')).toBe(redirectUri);
		expect(url.searchParams.get('scope')!.split(' ')).toEqual(
			expect.arrayContaining([
				'https://www.googleapis.com/auth/calendar.events',
				'https://www.googleapis.com/auth/calendar.calendarlist.readonly'
			])
		);

		const { credentials, account } = await google.exchangeCode(code, redirectUri);
		expect(account).toBe(email);
		expect(credentials.refreshToken).toMatch(/^1\/\/fake-/);
		expect(credentials.accessToken).toMatch(/^ya29\.fake-/);
		expect(credentials.expiresAt).toBeGreaterThan(Date.now() + 50 * 60_000);

		// A code works once.
		await expect(google.exchangeCode(code, redirectUri)).rejects.toThrow(/invalid_grant/);
	});

	it('is refused with a wrong client secret', async () => {
		const wrong = googleCalendarProvider({
			clientId,
			clientSecret: 'not-the-secret',
			apiRoot: fake.url,
			oauthRoot: fake.url
		});
		const { code } = await consent(wrong);
		await expect(wrong.exchangeCode(code, redirectUri)).rejects.toThrow(/invalid_client/);
	});

	it('refuses a consent that left out calendar access, and finds the email without the id token', async () => {
		fake.withholdScopes(['https://www.googleapis.com/auth/calendar.events']);
		try {
			const { code } = await consent();
			await expect(google.exchangeCode(code, redirectUri)).rejects.toThrow(/not fully granted/);
			fake.withholdScopes(['openid', 'email']);
			const second = await consent();
			const { account } = await google.exchangeCode(second.code, redirectUri);
			expect(account).toBe(second.email);
		} finally {
			fake.withholdScopes([]);
		}
	});

	it('brings the user back with access_denied when they say no', async () => {
		fake.refuseConsent();
		try {
			const answer = await fetch(await google.authorisationUrl('s', redirectUri), {
				redirect: 'manual'
			});
			const back = new URL(answer.headers.get('location')!);
			expect(back.searchParams.get('error')).toBe('access_denied');
			expect(back.searchParams.get('state')).toBe('s');
			expect(back.searchParams.has('code')).toBe(false);
		} finally {
			fake.refuseConsent(false);
		}
	});

	it('lists the calendars the account can write to, the primary one marked', async () => {
		const { email, client } = await connect();
		fake.addCalendar(email, {
			id: 'team@group.calendar.google.com',
			summary: 'Team',
			accessRole: 'writer'
		});
		fake.addCalendar(email, { id: 'boss@example.com', summary: 'Boss', accessRole: 'reader' });
		expect(await client.listCalendars()).toEqual([
			{ id: email, name: email, primary: true },
			{ id: 'team@group.calendar.google.com', name: 'Team', primary: false }
		]);
	});
});

describe('pushing bookings', () => {
	it('creates the event under an id derived from the appointment, marked as ours', async () => {
		const { email, client } = await connect();
		const appointmentId = crypto.randomUUID();
		const start = daysAhead(3);
		const id = await client.putEvent(email, booking(appointmentId, start));
		expect(id).toBe(appointmentId.replaceAll('-', ''));
		const [event, ...others] = fake.events(email);
		expect(others).toEqual([]);
		expect(event).toMatchObject({
			id,
			status: 'confirmed',
			summary: 'Regular clean',
			location: '3 Albion Road, London N16 9PD',
			transparency: 'opaque',
			extendedProperties: { private: { [APPOINTMENT_MARK]: appointmentId } }
		});
		expect(event!.start.timeZone).toBe('Europe/London');
		expect(Date.parse(event!.start.dateTime!)).toBe(start);
		expect(Date.parse(event!.end.dateTime!)).toBe(start + 2 * HOUR);
	});

	it('replaces the event when put again, with or without the stored id: never a second event', async () => {
		const { email, client } = await connect();
		const appointmentId = crypto.randomUUID();
		const id = await client.putEvent(email, booking(appointmentId, daysAhead(3)));

		const moved = daysAhead(4);
		expect(await client.putEvent(email, booking(appointmentId, moved, 'Deep clean'), id)).toBe(id);
		// A replay that lost the stored id finds the event by the appointment.
		expect(await client.putEvent(email, booking(appointmentId, moved, 'Deep clean'))).toBe(id);

		const events = fake.events(email);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ id, summary: 'Deep clean' });
		expect(Date.parse(events[0]!.start.dateTime!)).toBe(moved);
	});

	it('after an insert whose answer was lost, the retry makes no second event', async () => {
		const { email, client } = await connect();
		const appointmentId = crypto.randomUUID();
		fake.failNext('POST', 'lose', /\/events$/);
		await expect(client.putEvent(email, booking(appointmentId, daysAhead(2)))).rejects.toThrow();
		expect(fake.events(email)).toHaveLength(1);

		const id = await client.putEvent(email, booking(appointmentId, daysAhead(2)));
		expect(id).toBe(googleEventId(appointmentId));
		expect(fake.events(email)).toHaveLength(1);
		expect(inserts(email)).toBe(2);
	});

	it('deletes the event; deleting again, or an event never there, is no error', async () => {
		const { email, client } = await connect();
		const id = await client.putEvent(email, booking(crypto.randomUUID(), daysAhead(2)));
		await client.deleteEvent(email, id);
		expect(fake.events(email)).toMatchObject([{ id, status: 'cancelled' }]);
		await client.deleteEvent(email, id);
		await client.deleteEvent(email, 'neverthere00');
		expect(fake.liveEvents(email)).toEqual([]);
	});

	it('brings a deleted event back when the booking is put again', async () => {
		const { email, client } = await connect();
		const appointmentId = crypto.randomUUID();
		const id = await client.putEvent(email, booking(appointmentId, daysAhead(2)));
		await client.deleteEvent(email, id);
		expect(await client.putEvent(email, booking(appointmentId, daysAhead(5)), id)).toBe(id);
		// Without the stored id too (the insert meets the cancelled event's id: 409, then update).
		await client.deleteEvent(email, id);
		expect(await client.putEvent(email, booking(appointmentId, daysAhead(6)))).toBe(id);
		const events = fake.events(email);
		expect(events).toMatchObject([{ id, status: 'confirmed' }]);
		expect(Date.parse(events[0]!.start.dateTime!)).toBe(daysAhead(6));
	});
});

describe('pulling busy times', () => {
	it('lists busy times from now on, then only what changed, leaving our own events out', async () => {
		const { email, client } = await connect();
		const dentist = fake.addEvent(
			email,
			{ start: daysAhead(1), end: daysAhead(1) + HOUR },
			{ summary: 'Dentist' }
		);
		fake.addEvent(email, { start: daysAhead(-2), end: daysAhead(-2) + HOUR }, { summary: 'Past' });
		const free = fake.addEvent(
			email,
			{ start: daysAhead(2), end: daysAhead(2) + HOUR },
			{ transparent: true }
		);
		// A summer (BST) day, next year's so it is always ahead: busy from 23:00 UTC the evening
		// before, for 24 hours.
		const holiday = fake.addEvent(
			email,
			{ start: `${NEXT_YEAR}-07-14`, end: `${NEXT_YEAR}-07-15` },
			{ summary: 'Holiday' }
		);
		const ours = await client.putEvent(email, booking(crypto.randomUUID(), daysAhead(1)));

		const first = await client.busyChanges(email, null);
		expect(first.full).toBe(true);
		expect(first.changes).toEqual(
			expect.arrayContaining([
				{ kind: 'busy', eventId: dentist, start: daysAhead(1), end: daysAhead(1) + HOUR },
				{
					kind: 'busy',
					eventId: holiday,
					start: Date.parse(`${NEXT_YEAR}-07-13T23:00:00Z`),
					end: Date.parse(`${NEXT_YEAR}-07-14T23:00:00Z`)
				}
			])
		);
		expect(first.changes).toHaveLength(2);
		expect(first.nextSyncToken).toBeTruthy();

		// Nothing changed: nothing comes.
		const quiet = await client.busyChanges(email, first.nextSyncToken);
		expect(quiet).toMatchObject({ full: false, changes: [] });

		fake.moveEvent(email, dentist, {
			start: daysAhead(1) + 3 * HOUR,
			end: daysAhead(1) + 4 * HOUR
		});
		fake.deleteEvent(email, holiday);
		fake.makeTransparent(email, free, false);
		const gym = fake.addEvent(
			email,
			{ start: daysAhead(3), end: daysAhead(3) + HOUR },
			{ summary: 'Gym' }
		);
		const lunch = fake.addEvent(email, {
			start: daysAhead(3) + 2 * HOUR,
			end: daysAhead(3) + 3 * HOUR
		});
		fake.makeTransparent(email, lunch);
		// Winter (GMT): two all-day days, midnight to midnight.
		const away = fake.addEvent(email, {
			start: `${NEXT_YEAR}-01-11`,
			end: `${NEXT_YEAR}-01-13`
		});
		await client.putEvent(email, booking(crypto.randomUUID(), daysAhead(5))); // ours: left out
		await client.putEvent(email, booking(crypto.randomUUID(), daysAhead(6)), ours); // moved: left out

		const next = await client.busyChanges(email, quiet.nextSyncToken);
		expect(next.full).toBe(false);
		expect(next.changes).toEqual([
			{
				kind: 'busy',
				eventId: dentist,
				start: daysAhead(1) + 3 * HOUR,
				end: daysAhead(1) + 4 * HOUR
			},
			{ kind: 'gone', eventId: holiday },
			{ kind: 'busy', eventId: free, start: daysAhead(2), end: daysAhead(2) + HOUR },
			{ kind: 'busy', eventId: gym, start: daysAhead(3), end: daysAhead(3) + HOUR },
			{ kind: 'gone', eventId: lunch },
			{
				kind: 'busy',
				eventId: away,
				start: Date.parse(`${NEXT_YEAR}-01-11T00:00:00Z`),
				end: Date.parse(`${NEXT_YEAR}-01-13T00:00:00Z`)
			}
		]);
	});

	it('follows every page of a long listing to the sync token', async () => {
		const { email, client } = await connect();
		for (let i = 0; i < 2600; i++)
			fake.addEvent(email, {
				start: daysAhead(1) + i * 60_000,
				end: daysAhead(1) + (i + 1) * 60_000
			});
		const before = fake.requests.length;
		const page = await client.busyChanges(email, null);
		expect(page.changes).toHaveLength(2600);
		expect(fake.requests.slice(before).filter((r) => r.path.endsWith('/events'))).toHaveLength(2);
		expect(new Set(page.changes.map((c) => c.eventId)).size).toBe(2600);
	});

	it('says SyncTokenStale when Google no longer knows the token, and a full listing works again', async () => {
		const { email, client } = await connect();
		fake.addEvent(email, { start: daysAhead(1), end: daysAhead(1) + HOUR });
		const { nextSyncToken } = await client.busyChanges(email, null);
		fake.expireSyncTokens();
		await expect(client.busyChanges(email, nextSyncToken)).rejects.toBeInstanceOf(SyncTokenStale);
		const again = await client.busyChanges(email, null);
		expect(again).toMatchObject({ full: true, changes: [{ kind: 'busy' }] });
	});
});

describe('the grant', () => {
	it('refreshes a missing or refused access token and reports it before the call returns', async () => {
		const { email, credentials } = await connect();
		const stored: Credentials[] = [];
		const client = google.client({ refreshToken: credentials.refreshToken }, async (next) => {
			await new Promise((r) => setTimeout(r, 30));
			stored.push(next);
		});
		await client.listCalendars();
		expect(stored).toHaveLength(1);
		expect(stored[0]).toMatchObject({ refreshToken: credentials.refreshToken });
		expect(stored[0]!.accessToken).not.toBe(credentials.accessToken);
		expect(stored[0]!.expiresAt).toBeGreaterThan(Date.now());

		// Google refuses the access token before its expiry date (401): refreshed once, call succeeds.
		fake.expireAccessTokens();
		const before = fake.requests.length;
		await client.putEvent(email, booking(crypto.randomUUID(), daysAhead(1)));
		expect(stored).toHaveLength(2);
		expect(stored[1]!.accessToken).not.toBe(stored[0]!.accessToken);
		expect(fake.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([
			`POST /calendar/v3/calendars/${email}/events`,
			'POST /token',
			`POST /calendar/v3/calendars/${email}/events`
		]);
		expect(fake.liveEvents(email)).toHaveLength(1);
	});

	it('refreshes ahead of a call when the stored access token has expired', async () => {
		const { email, credentials } = await connect();
		const stored: Credentials[] = [];
		const client = google.client({ ...credentials, expiresAt: Date.now() - 1000 }, async (next) => {
			stored.push(next);
		});
		const before = fake.requests.length;
		await client.listCalendars();
		expect(fake.requests.slice(before).map((r) => r.path)).toEqual([
			'/token',
			'/calendar/v3/users/me/calendarList'
		]);
		expect(stored).toHaveLength(1);
		expect(email).toBeTruthy();
	});

	it('a failure to store refreshed tokens fails that call only', async () => {
		const { credentials } = await connect();
		let fail = true;
		const client = google.client({ refreshToken: credentials.refreshToken }, async () => {
			if (fail) throw new Error('database down');
		});
		await expect(client.listCalendars()).rejects.toThrow('database down');
		fail = false;
		expect(await client.listCalendars()).toHaveLength(1);
	});

	it('gives up on a request Google does not answer in time', async () => {
		const { email, credentials } = await connect();
		const impatient = googleCalendarProvider({
			clientId,
			clientSecret,
			apiRoot: fake.url,
			oauthRoot: fake.url,
			timeoutMs: 100
		});
		const client = impatient.client(credentials, async () => {});
		fake.setLatency(400);
		const before = fake.requests.length;
		const started = Date.now();
		try {
			await expect(client.busyChanges(email, null)).rejects.toThrow(/aborted|timeout/i);
		} finally {
			fake.setLatency(0);
		}
		// GETs are retried (by gaxios) a few times, each cut short.
		expect(fake.requests.length - before).toBeLessThanOrEqual(4);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('says GrantRevoked from every call once the user revoked access', async () => {
		const { email, client, credentials } = await connect();
		await client.listCalendars();
		fake.revoke(email);
		await expect(client.listCalendars()).rejects.toBeInstanceOf(GrantRevoked);
		await expect(
			client.putEvent(email, booking(crypto.randomUUID(), daysAhead(1)))
		).rejects.toBeInstanceOf(GrantRevoked);
		await expect(client.deleteEvent(email, 'abcdefgh')).rejects.toBeInstanceOf(GrantRevoked);
		await expect(client.busyChanges(email, null)).rejects.toBeInstanceOf(GrantRevoked);
		// A fresh client from the stored grant too.
		const later = google.client({ refreshToken: credentials.refreshToken }, async () => {});
		await expect(later.listCalendars()).rejects.toBeInstanceOf(GrantRevoked);
		expect(fake.liveEvents(email)).toEqual([]);
	});
});
