import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { AuthContext } from '../../sync/auth.ts';
import type { Db } from '../db/client.ts';
import {
	chooseCalendar,
	connectionOf,
	grantClient,
	markBroken,
	queuePull,
	saveGrant
} from './connections.ts';
import { GrantRevoked, type ProviderCalendar } from './port.ts';
import { calendarProvider, calendarProviders, isProviderName } from './providers.ts';

// The steps of connecting a calendar, for the routes under /calendar-connect and the calendar
// page: consent at the provider (with a `state` the browser carries back in a cookie, so a code
// cannot be planted from another site), the grant stored, then the calendar chosen.

/** Who may connect: cleaners (their jobs) and office users (the jobs they do themselves). */
export const mayConnect = (ctx: AuthContext) => !!ctx.staffID || !!ctx.office;

export const offeredProviders = () =>
	calendarProviders().map((p) => ({ name: p.name, label: p.label }));

export function callbackUrl(origin: string, provider: string) {
	return new URL(`/calendar-connect/${provider}/callback`, origin).href;
}

/** The consent URL and the state to keep in the browser's cookie, or null for an unknown provider. */
export async function beginConnect(provider: string, origin: string) {
	const driver = isProviderName(provider) ? calendarProvider(provider) : null;
	if (!driver) return null;
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	const state = encodeBase32LowerCaseNoPadding(bytes);
	return { state, url: await driver.authorisationUrl(state, callbackUrl(origin, provider)) };
}

export type FinishResult = { ok: true } | { ok: false; message: string };

/** Back from the consent screen: checks the state, swaps the code and stores the grant. */
export async function finishConnect(
	db: Db,
	ctx: AuthContext,
	params: { provider: string; code: string | null; state: string | null; error: string | null },
	expectedState: string | undefined,
	origin: string
): Promise<FinishResult> {
	const driver = isProviderName(params.provider) ? calendarProvider(params.provider) : null;
	if (!driver) return { ok: false, message: 'That calendar provider is not offered here.' };
	if (params.error)
		return { ok: false, message: `${driver.label} did not grant access (${params.error}).` };
	if (!params.code || !params.state || !expectedState || params.state !== expectedState)
		return { ok: false, message: 'The connection attempt expired or did not match: try again.' };
	const grant = await driver.exchangeCode(params.code, callbackUrl(origin, driver.name));
	await db.transaction((tx) => saveGrant(tx, ctx, driver.name, grant));
	return { ok: true };
}

/**
 * The calendars the user may write to, read from the provider, to choose from; a revoked grant
 * marks the connection broken and gives none.
 */
export async function calendarsToChoose(db: Db, userId: string): Promise<ProviderCalendar[]> {
	const target = await grantClient(db, userId);
	if (!target) return [];
	try {
		return await target.client.listCalendars();
	} catch (e) {
		if (!(e instanceof GrantRevoked)) throw e;
		await markBroken(db, userId, e.message);
		return [];
	}
}

/** Saves the chosen calendar (one of the user's writable ones) and starts the full resync. */
export async function saveCalendarChoice(
	db: Db,
	ctx: AuthContext,
	calendarId: string
): Promise<FinishResult> {
	const calendars = await calendarsToChoose(db, ctx.userID);
	const chosen = calendars.find((c) => c.id === calendarId);
	if (!chosen) return { ok: false, message: 'Choose one of your calendars listed here.' };
	await db.transaction((tx) => chooseCalendar(tx, ctx, chosen));
	return { ok: true };
}

/** "Sync now": busy times read at once, not at the next quarter of an hour. */
export async function syncNow(db: Db, userId: string) {
	await queuePull(db, userId);
}

/** What the calendar page shows about sync: the providers offered, the connection, its choices. */
export async function syncPageData(db: Db, ctx: AuthContext, changing: boolean) {
	if (!mayConnect(ctx)) return null;
	const providers = offeredProviders();
	const connection = await connectionOf(db, ctx.userID);
	if (!providers.length && !connection) return null;
	const choosing =
		connection?.status === 'active' && (!connection.calendarId || changing)
			? await calendarsToChoose(db, ctx.userID)
			: null;
	return {
		providers,
		connection: connection && {
			provider: connection.provider,
			label: providers.find((p) => p.name === connection.provider)?.label ?? connection.provider,
			account: connection.account,
			calendarId: connection.calendarId,
			calendarName: connection.calendarName,
			broken: connection.status === 'broken',
			brokenAt: connection.brokenAt?.getTime() ?? null,
			pulledAt: connection.pulledAt?.getTime() ?? null
		},
		choosing
	};
}
