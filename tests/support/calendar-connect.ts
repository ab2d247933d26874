import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { users } from '../../drizzle/schema.ts';
import { authContextFor } from '../../server/auth/context.ts';
import { finishConnect, saveCalendarChoice } from '../../server/calendar/connect-flow.ts';
import { calendarProvider } from '../../server/calendar/providers.ts';
import type { Db } from '../../server/db/client.ts';
import type { FakeGoogleCalendar } from '../fakes/google-calendar.ts';

// Calendar sync set-up for server tests: the app pointed at the Google fake, and a user's
// calendar connected the way the routes under /calendar-connect do it (consent, code, choice).

const SETTINGS = [
	'GOOGLE_CALENDAR_CLIENT_ID',
	'GOOGLE_CALENDAR_CLIENT_SECRET',
	'GOOGLE_CALENDAR_API_ROOT',
	'GOOGLE_OAUTH_ROOT',
	'CALENDAR_TOKEN_KEY'
];

export const FAKE_GOOGLE_CLIENT = { clientId: 'valclean-test', clientSecret: 'shh' };

/** Points this process (and workers it spawns with its environment) at the fake. */
export function useFakeGoogle(google: FakeGoogleCalendar) {
	Object.assign(process.env, {
		GOOGLE_CALENDAR_CLIENT_ID: FAKE_GOOGLE_CLIENT.clientId,
		GOOGLE_CALENDAR_CLIENT_SECRET: FAKE_GOOGLE_CLIENT.clientSecret,
		GOOGLE_CALENDAR_API_ROOT: google.url,
		GOOGLE_OAUTH_ROOT: google.url,
		CALENDAR_TOKEN_KEY: randomBytes(32).toString('base64')
	});
	return () => {
		for (const name of SETTINGS) delete process.env[name];
	};
}

export async function contextOfEmail(db: Db, email: string) {
	const [user] = await db.select().from(users).where(eq(users.email, email));
	return authContextFor(db, user);
}

/** Connects the user's Google account (email = their sign-in) and chooses its main calendar. */
export async function connectGoogle(db: Db, google: FakeGoogleCalendar, email: string) {
	google.consentAs(email);
	return connectThroughConsent(db, 'google', email, email);
}

/**
 * Connects the user's calendar through the provider's consent page (the fakes grant at once and
 * redirect back with a code), as the routes under /calendar-connect do, and chooses `calendarId`.
 */
export async function connectThroughConsent(
	db: Db,
	provider: 'google' | 'outlook',
	email: string,
	calendarId: string
) {
	const ctx = await contextOfEmail(db, email);
	const origin = 'http://test';
	const state = 'state-' + randomBytes(6).toString('hex');
	const redirect = `${origin}/calendar-connect/${provider}/callback`;
	const consent = await fetch(await calendarProvider(provider)!.authorisationUrl(state, redirect), {
		redirect: 'manual'
	});
	const back = new URL(consent.headers.get('location')!);
	const params = {
		provider,
		code: back.searchParams.get('code'),
		state: back.searchParams.get('state'),
		error: null
	};
	const connected = await finishConnect(db, ctx, params, state, origin);
	if (!connected.ok) throw new Error(connected.message);
	const chosen = await saveCalendarChoice(db, ctx, calendarId);
	if (!chosen.ok) throw new Error(chosen.message);
	return ctx;
}
