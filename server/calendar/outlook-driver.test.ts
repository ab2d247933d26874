import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeMicrosoft, type FakeMicrosoft } from '../../tests/fakes/microsoft.ts';
import { assertTestCaTrusted } from '../../tests/support/test-ca.ts';
import { outlookCalendarProvider } from './outlook-driver.ts';
import {
	GrantRevoked,
	SyncTokenStale,
	type BusyChange,
	type CalendarEventBody,
	type CalendarProvider,
	type Credentials
} from './port.ts';

// The Outlook driver through the real MSAL and Graph client, against the HTTPS fake of the
// Microsoft identity platform and Graph (tests/fakes/microsoft.ts).

const HOUR = 3_600_000;
/** Times in tests are whole hours from the next hour, fixed once (no drift across a boundary). */
const BASE = Math.ceil(Date.now() / HOUR) * HOUR;
const hoursFromNow = (hours: number) => BASE + hours * HOUR;
const REDIRECT = 'http://127.0.0.1:5173/calendar-connect/outlook/callback';

let fake: FakeMicrosoft;
let provider: CalendarProvider;

beforeAll(async () => {
	assertTestCaTrusted();
	fake = await startFakeMicrosoft({ pageSize: 2 });
	provider = outlookCalendarProvider({
		clientId: fake.clientId,
		clientSecret: fake.clientSecret,
		authority: fake.authority,
		graphRoot: fake.graphRoot
	});
});
afterAll(() => fake?.stop());

/** Consent as a browser would: follow /authorize's redirect, then swap the code. */
async function connect(account: string) {
	fake.signInAs(account);
	const state = `state-${Math.random()}`;
	const url = await provider.authorisationUrl(state, REDIRECT);
	const answer = await fetch(url, { redirect: 'manual' });
	expect(answer.status).toBe(302);
	const back = new URL(answer.headers.get('location')!);
	expect(back.origin + back.pathname).toBe(REDIRECT);
	expect(back.searchParams.get('state')).toBe(state);
	return provider.exchangeCode(back.searchParams.get('code')!, REDIRECT);
}

function booking(
	appointmentId: string,
	startHours: number,
	summary = 'Clean: 4 Elm Road'
): CalendarEventBody {
	return {
		appointmentId,
		summary,
		description: 'Regular clean, 2 hours',
		location: '4 Elm Road, Bristol',
		start: hoursFromNow(startHours),
		end: hoursFromNow(startHours + 2),
		timeZone: 'Europe/London'
	};
}

/** A client whose refreshed credentials are kept, as the sync core would store them. */
function clientFor(credentials: Credentials) {
	const reported: Credentials[] = [];
	const client = provider.client(credentials, async (next) => {
		reported.push(next);
	});
	return { client, reported };
}

const sortById = (changes: BusyChange[]) =>
	[...changes].sort((a, b) => a.eventId.localeCompare(b.eventId));

describe('Outlook calendar driver', () => {
	it('connects: consent redirects back with the code, which becomes a grant for the account', async () => {
		const url = new URL(await provider.authorisationUrl('s1', REDIRECT));
		expect(url.origin).toBe(fake.origin);
		expect(url.searchParams.get('scope')?.split(' ')).toEqual(
			expect.arrayContaining(['offline_access', 'Calendars.ReadWrite', 'User.Read'])
		);
		expect(url.searchParams.get('client_id')).toBe(fake.clientId);

		const { credentials, account } = await connect(fake.defaultAccount);
		expect(account).toBe(fake.defaultAccount);
		expect(credentials.refreshToken).toMatch(/^rt\./);
		expect(credentials.accessToken).toMatch(/^at\./);
		expect(credentials.expiresAt).toBeGreaterThan(Date.now() + 30 * 60_000);
		// MSAL never asked Microsoft's real hosts: every request went to the fake.
		expect(fake.requests.some((r) => r.path.includes('/oauth2/v2.0/token'))).toBe(true);
	});

	it('refuses a code used twice', async () => {
		fake.signInAs(fake.defaultAccount);
		const answer = await fetch(await provider.authorisationUrl('s', REDIRECT), {
			redirect: 'manual'
		});
		const code = new URL(answer.headers.get('location')!).searchParams.get('code')!;
		await provider.exchangeCode(code, REDIRECT);
		await expect(provider.exchangeCode(code, REDIRECT)).rejects.toThrow(/invalid_grant/);
	});

	it('lists the calendars the user can write to, the default one marked primary', async () => {
		const account = fake.addUser('lists@outlook.test');
		const { client } = clientFor((await connect(account)).credentials);
		const calendars = await client.listCalendars();
		expect(calendars.map((c) => [c.name, c.primary])).toEqual([
			['Calendar', true],
			['Work', false]
		]);
		expect(calendars[0].id).toBe(fake.primaryCalendarId(account));
	});

	it('creates an event, replaces it in place, and writes it again after the user deleted it', async () => {
		const account = fake.addUser('writes@outlook.test');
		const { client } = clientFor((await connect(account)).credentials);
		const calendarId = fake.primaryCalendarId(account);

		const id = await client.putEvent(calendarId, booking('appt-1', 24));
		let events = fake.events(account);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			id,
			subject: 'Clean: 4 Elm Road',
			body: 'Regular clean, 2 hours',
			location: '4 Elm Road, Bristol',
			start: hoursFromNow(24),
			end: hoursFromNow(26),
			showAs: 'busy',
			transactionId: 'valclean-appt-1'
		});
		expect(Object.values(events[0].extendedProperties)).toEqual(['appt-1']);

		const moved = await client.putEvent(calendarId, booking('appt-1', 48, 'Clean: moved'), id);
		expect(moved).toBe(id);
		events = fake.events(account);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ id, subject: 'Clean: moved', start: hoursFromNow(48) });

		fake.deleteEvent(account, id);
		const again = await client.putEvent(calendarId, booking('appt-1', 48), id);
		expect(again).not.toBe(id);
		expect(fake.events(account).map((e) => e.id)).toEqual([again]);
	});

	it('a create whose answer was lost, sent again, leaves one event (transactionId)', async () => {
		const account = fake.addUser('lost@outlook.test');
		const { client } = clientFor((await connect(account)).credentials);
		const calendarId = fake.primaryCalendarId(account);

		fake.dropNextAnswer('POST', '/events');
		await expect(client.putEvent(calendarId, booking('appt-lost', 30))).rejects.toThrow();
		expect(fake.events(account)).toHaveLength(1);

		const id = await client.putEvent(calendarId, booking('appt-lost', 30));
		expect(fake.events(account).map((e) => e.id)).toEqual([id]);
		// A different booking is a different event.
		await client.putEvent(calendarId, booking('appt-other', 30));
		expect(fake.events(account)).toHaveLength(2);
	});

	it('a replayed create that Graph turns down (409) finds the first event by our mark and updates it', async () => {
		const strict = await startFakeMicrosoft({ duplicateTransaction: 'conflict' });
		try {
			const outlook = outlookCalendarProvider({
				clientId: strict.clientId,
				clientSecret: strict.clientSecret,
				authority: strict.authority,
				graphRoot: strict.graphRoot
			});
			const code = new URL(
				(
					await fetch(await outlook.authorisationUrl('s', REDIRECT), { redirect: 'manual' })
				).headers.get('location')!
			).searchParams.get('code')!;
			const account = strict.defaultAccount;
			const client = outlook.client(
				(await outlook.exchangeCode(code, REDIRECT)).credentials,
				async () => {}
			);
			const calendarId = strict.primaryCalendarId(account);

			strict.dropNextAnswer('POST', '/events');
			await expect(client.putEvent(calendarId, booking("appt-o'brien", 30))).rejects.toThrow();
			const [first] = strict.events(account);
			const id = await client.putEvent(calendarId, booking("appt-o'brien", 32, 'Clean: later'));
			expect(id).toBe(first.id);
			expect(strict.events(account)).toMatchObject([
				{ id, subject: 'Clean: later', start: hoursFromNow(32) }
			]);
			// A create that fails for another reason is not hidden by the search.
			await expect(
				client.putEvent(calendarId, { ...booking('appt-bad', 40), end: hoursFromNow(39) })
			).rejects.toThrow(/end must be after the start/);
		} finally {
			await strict.stop();
		}
	});

	it('deletes an event, and deleting it again is not an error', async () => {
		const account = fake.addUser('deletes@outlook.test');
		const { client } = clientFor((await connect(account)).credentials);
		const calendarId = fake.primaryCalendarId(account);
		const id = await client.putEvent(calendarId, booking('appt-del', 10));
		await client.deleteEvent(calendarId, id);
		expect(fake.events(account)).toEqual([]);
		await expect(client.deleteEvent(calendarId, id)).resolves.toBeUndefined();
	});

	it('pulls busy times in full, then only what changed; free, cancelled and our own events are not busy', async () => {
		const account = fake.addUser('pulls@outlook.test');
		const { client } = clientFor((await connect(account)).credentials);
		const calendarId = fake.primaryCalendarId(account);
		const dentist = fake.addPersonalEvent(account, {
			start: hoursFromNow(5),
			end: hoursFromNow(6)
		});
		const lunch = fake.addPersonalEvent(account, {
			start: hoursFromNow(8),
			end: hoursFromNow(9),
			showAs: 'free'
		});
		const gym = fake.addPersonalEvent(account, {
			start: hoursFromNow(30),
			end: hoursFromNow(31),
			showAs: 'tentative'
		});
		const holiday = fake.addPersonalEvent(account, {
			start: hoursFromNow(50),
			end: hoursFromNow(74),
			showAs: 'oof'
		});
		// In the past and in another calendar: outside what we pull.
		fake.addPersonalEvent(account, { start: hoursFromNow(-30), end: hoursFromNow(-29) });
		fake.addPersonalEvent(account, {
			start: hoursFromNow(5),
			end: hoursFromNow(6),
			calendarId: fake.calendars(account)[1].id
		});
		const ours = await client.putEvent(calendarId, booking('appt-pull', 12));

		const logged = fake.requests.length;
		const first = await client.busyChanges(calendarId, null);
		expect(first.full).toBe(true);
		expect(sortById(first.changes)).toEqual(
			sortById([
				{ kind: 'busy', eventId: dentist, start: hoursFromNow(5), end: hoursFromNow(6) },
				{ kind: 'gone', eventId: lunch },
				{ kind: 'busy', eventId: gym, start: hoursFromNow(30), end: hoursFromNow(31) },
				{ kind: 'busy', eventId: holiday, start: hoursFromNow(50), end: hoursFromNow(74) }
			])
		);
		// Five events at two a page: the driver followed the next links to the delta link.
		const deltaCalls = fake.requests
			.slice(logged)
			.filter((r) => r.path.includes('calendarView/delta'));
		expect(deltaCalls.length).toBe(3);

		fake.updateEvent(account, dentist, { start: hoursFromNow(7), end: hoursFromNow(8) });
		fake.updateEvent(account, lunch, { showAs: 'busy' });
		fake.updateEvent(account, gym, { showAs: 'free' });
		fake.updateEvent(account, holiday, { isCancelled: true });
		const school = fake.addPersonalEvent(account, {
			start: hoursFromNow(20),
			end: hoursFromNow(21)
		});
		const brief = fake.addPersonalEvent(account, {
			start: hoursFromNow(22),
			end: hoursFromNow(23)
		});
		fake.deleteEvent(account, brief);
		await client.putEvent(calendarId, booking('appt-pull', 14), ours);

		const second = await client.busyChanges(calendarId, first.nextSyncToken);
		expect(second.full).toBe(false);
		expect(sortById(second.changes)).toEqual(
			sortById([
				{ kind: 'busy', eventId: dentist, start: hoursFromNow(7), end: hoursFromNow(8) },
				{ kind: 'busy', eventId: lunch, start: hoursFromNow(8), end: hoursFromNow(9) },
				{ kind: 'gone', eventId: gym },
				{ kind: 'gone', eventId: holiday },
				{ kind: 'busy', eventId: school, start: hoursFromNow(20), end: hoursFromNow(21) },
				{ kind: 'gone', eventId: brief }
			])
		);

		fake.deleteEvent(account, school);
		const third = await client.busyChanges(calendarId, second.nextSyncToken);
		expect(third.changes).toEqual([{ kind: 'gone', eventId: school }]);
		const quiet = await client.busyChanges(calendarId, third.nextSyncToken);
		expect(quiet.changes).toEqual([]);
	});

	it('a delta token Graph no longer knows is SyncTokenStale; a full pull starts again', async () => {
		const account = fake.addUser('stale@outlook.test');
		const { client } = clientFor((await connect(account)).credentials);
		const calendarId = fake.primaryCalendarId(account);
		const busy = fake.addPersonalEvent(account, { start: hoursFromNow(3), end: hoursFromNow(4) });
		const first = await client.busyChanges(calendarId, null);
		fake.expireDeltaTokens();
		await expect(client.busyChanges(calendarId, first.nextSyncToken)).rejects.toBeInstanceOf(
			SyncTokenStale
		);
		const again = await client.busyChanges(calendarId, null);
		expect(again.full).toBe(true);
		expect(again.changes.map((c) => c.eventId)).toEqual([busy]);
	});

	it('a revoked grant is GrantRevoked from every call, whether the access token still looked valid or not', async () => {
		const account = fake.addUser('revoked@outlook.test');
		const { credentials } = await connect(account);
		const calendarId = fake.primaryCalendarId(account);
		fake.revoke(account);

		// Still holding an access token: Graph answers 401, the refresh says invalid_grant.
		const holding = clientFor(credentials);
		await expect(holding.client.listCalendars()).rejects.toBeInstanceOf(GrantRevoked);
		await expect(holding.client.putEvent(calendarId, booking('appt-r', 5))).rejects.toBeInstanceOf(
			GrantRevoked
		);
		// Only the refresh token: the refresh itself fails.
		const cold = clientFor({ refreshToken: credentials.refreshToken });
		await expect(cold.client.busyChanges(calendarId, null)).rejects.toBeInstanceOf(GrantRevoked);
		await expect(cold.client.deleteEvent(calendarId, 'whatever')).rejects.toBeInstanceOf(
			GrantRevoked
		);
		expect(cold.reported).toEqual([]);

		// Connecting again works.
		const back = clientFor((await connect(account)).credentials);
		await expect(back.client.listCalendars()).resolves.toHaveLength(2);
	});

	it('reports each rotated refresh token, refreshes once for parallel calls, and again on a 401', async () => {
		const account = fake.addUser('rotates@outlook.test');
		const { credentials } = await connect(account);
		const { client, reported } = clientFor({ refreshToken: credentials.refreshToken });

		await Promise.all([client.listCalendars(), client.listCalendars(), client.listCalendars()]);
		expect(reported).toHaveLength(1);
		expect(reported[0].refreshToken).toMatch(/^rt\./);
		expect(reported[0].refreshToken).not.toBe(credentials.refreshToken);
		expect(reported[0].expiresAt).toBeGreaterThan(Date.now() + 30 * 60_000);

		// A valid access token is used as it is.
		await client.listCalendars();
		expect(reported).toHaveLength(1);

		// Graph turns the access token down before its time: one refresh, and the call succeeds.
		fake.expireAccessTokens();
		await expect(client.listCalendars()).resolves.toHaveLength(2);
		expect(reported).toHaveLength(2);
		expect(reported[1].refreshToken).not.toBe(reported[0].refreshToken);

		// The token reported last is a working grant.
		const later = clientFor({ refreshToken: reported[1].refreshToken });
		await expect(later.client.listCalendars()).resolves.toHaveLength(2);
	});

	it('an expired access token is refreshed before the call', async () => {
		const account = fake.addUser('expired@outlook.test');
		const { credentials } = await connect(account);
		const { client, reported } = clientFor({ ...credentials, expiresAt: Date.now() + 10_000 });
		await client.listCalendars();
		expect(reported).toHaveLength(1);
		expect(reported[0].accessToken).not.toBe(credentials.accessToken);
	});

	it('a server process the tests start trusts the fake too (NODE_EXTRA_CA_CERTS is inherited)', async () => {
		const run = promisify(execFile);
		// Written as plain text: console.log colours a number when FORCE_COLOR is set (as in CI).
		const probe = `fetch(process.argv[1]).then((r) => process.stdout.write(String(r.status)), (e) => process.stdout.write(String(e.cause?.code)))`;
		const url = `${fake.authority}/v2.0/.well-known/openid-configuration`;
		const child = await run(process.execPath, ['-e', probe, url], { env: process.env });
		expect(child.stdout.trim()).toBe('200');
		const untrusting = { ...process.env };
		delete untrusting.NODE_EXTRA_CA_CERTS;
		const stranger = await run(process.execPath, ['-e', probe, url], { env: untrusting });
		expect(stranger.stdout.trim()).toMatch(
			/^(SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)$/
		);
	});

	it('a passing failure (the token endpoint or Graph answering 5xx) is not a revoked grant', async () => {
		const account = fake.addUser('flaky@outlook.test');
		const { credentials } = await connect(account);
		const { client, reported } = clientFor({ refreshToken: credentials.refreshToken });

		fake.failNextAnswer('POST', '/oauth2/v2.0/token', 500);
		const refreshFailed = await client.listCalendars().catch((error: unknown) => error);
		expect(refreshFailed).toBeInstanceOf(Error);
		expect(refreshFailed).not.toBeInstanceOf(GrantRevoked);
		expect(reported).toEqual([]);

		await client.listCalendars();
		expect(reported).toHaveLength(1);
		fake.failNextAnswer('GET', '/me/calendars', 500);
		const graphFailed = await client.listCalendars().catch((error: unknown) => error);
		expect(graphFailed).toBeInstanceOf(Error);
		expect(graphFailed).not.toBeInstanceOf(GrantRevoked);
		await expect(client.listCalendars()).resolves.toHaveLength(2);
	});
});
