import { and, eq, inArray, or, sql } from 'drizzle-orm';
import {
	calendarBusy,
	calendarCredentials,
	calendarEvents,
	staff,
	users
} from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { recordAudit } from '../audit/record.ts';
import type { DbOrTx } from '../db/client.ts';
import type { CalendarProviderName, Credentials } from './port.ts';
import { calendarProvider } from './providers.ts';
import { openCredentials, sealCredentials } from './tokens.ts';

// A user's calendar connection, from consent to "broken". The grant is kept sealed in
// calendar_credentials (one row per user); the calendar is chosen after consent, and choosing it
// (again) starts a full resync: every upcoming job pushed, every busy time pulled afresh.

export type Connection = {
	userId: string;
	provider: CalendarProviderName;
	account: string | null;
	calendarId: string | null;
	calendarName: string | null;
	status: 'active' | 'broken';
	brokenReason: string | null;
	brokenAt: Date | null;
	pulledAt: Date | null;
};

const view = {
	userId: calendarCredentials.userId,
	provider: calendarCredentials.provider,
	account: calendarCredentials.account,
	calendarId: calendarCredentials.calendarId,
	calendarName: calendarCredentials.calendarName,
	status: calendarCredentials.status,
	brokenReason: calendarCredentials.brokenReason,
	brokenAt: calendarCredentials.brokenAt,
	pulledAt: calendarCredentials.pulledAt
};

export async function connectionOf(db: DbOrTx, userId: string): Promise<Connection | null> {
	const [row] = await db
		.select(view)
		.from(calendarCredentials)
		.where(eq(calendarCredentials.userId, userId));
	// Rows from before calendar sync (provider 'apple' / 'none') are no connection.
	return row && (row.provider === 'google' || row.provider === 'outlook')
		? (row as Connection)
		: null;
}

/**
 * Stores the grant from the consent screen: a new connection, or the same user's reconnection
 * (which clears "broken"). Until a calendar is chosen nothing is pushed or pulled.
 */
export async function saveGrant(
	db: DbOrTx,
	ctx: AuthContext,
	provider: CalendarProviderName,
	grant: { credentials: Credentials; account: string }
) {
	const fresh = {
		provider,
		...sealCredentials(grant.credentials),
		account: grant.account,
		calendarId: null,
		calendarName: null,
		status: 'active' as const,
		brokenReason: null,
		brokenAt: null,
		syncToken: null,
		updatedAt: new Date()
	};
	await db
		.insert(calendarCredentials)
		.values({ userId: ctx.userID, ...fresh })
		.onConflictDoUpdate({ target: calendarCredentials.userId, set: fresh });
	await recordAudit(db, ctx, {
		action: 'calendar_connection.connect',
		entityId: ctx.userID,
		details: { provider },
		source: 'app'
	});
}

/** Sets the calendar to sync with and queues a full resync. */
export async function chooseCalendar(
	db: DbOrTx,
	ctx: AuthContext,
	calendar: { id: string; name: string }
) {
	await db
		.update(calendarCredentials)
		.set({ calendarId: calendar.id, calendarName: calendar.name, syncToken: null })
		.where(eq(calendarCredentials.userId, ctx.userID));
	await queueResync(db, ctx.userID);
	await recordAudit(db, ctx, {
		action: 'calendar_connection.choose_calendar',
		entityId: ctx.userID,
		source: 'app'
	});
}

/**
 * Forgets the connection: its busy times stop blocking slots at once. Events already written
 * stay in the user's calendar (we may no longer be allowed to reach it); nothing more is pushed.
 */
export async function disconnect(db: DbOrTx, ctx: AuthContext) {
	const userId = ctx.userID;
	await db.delete(calendarBusy).where(eq(calendarBusy.userId, userId));
	await db.delete(calendarEvents).where(eq(calendarEvents.userId, userId));
	await db.delete(calendarCredentials).where(eq(calendarCredentials.userId, userId));
	await db.execute(sql`SELECT graphile_worker.remove_job(${pullKey(userId)}::text)`);
	await recordAudit(db, ctx, {
		action: 'calendar_connection.disconnect',
		entityId: userId,
		source: 'app'
	});
}

/**
 * The grant was revoked or has expired: stop pushing and pulling (tasks check the status) until
 * the user connects again, and let them and the office see it. Its busy times stay: they were
 * true when last read, and dropping them could let a slot be booked over a personal event.
 */
export async function markBroken(db: DbOrTx, userId: string, reason: string) {
	await db
		.update(calendarCredentials)
		.set({ status: 'broken', brokenReason: reason, brokenAt: new Date() })
		.where(and(eq(calendarCredentials.userId, userId), eq(calendarCredentials.status, 'active')));
}

/**
 * The user's connection with a client to use it: null when there is none; `usable: false` when it cannot be
 * used now (broken, or its provider no longer configured); otherwise a client for it, with the
 * chosen calendar (null until chosen) and the pull's sync token. Refreshed tokens are stored as
 * they come (Microsoft rotates refresh tokens).
 */
export async function liveConnection(db: DbOrTx, userId: string) {
	const [row] = await db
		.select()
		.from(calendarCredentials)
		.where(eq(calendarCredentials.userId, userId));
	if (!row || (row.provider !== 'google' && row.provider !== 'outlook')) return null;
	const provider = row.status === 'active' ? calendarProvider(row.provider) : null;
	const credentials = provider ? openCredentials(row) : null;
	if (!provider || !credentials) return { usable: false } as const;
	const client = provider.client(credentials, async (next) => {
		await db
			.update(calendarCredentials)
			.set({ ...sealCredentials(next), updatedAt: new Date() })
			.where(eq(calendarCredentials.userId, userId));
	});
	return {
		usable: true,
		client,
		calendarId: row.calendarId,
		syncToken: row.syncToken,
		provider: provider.name
	} as const;
}

/** A client for the user's active connection, whatever its calendar, or null. */
export async function grantClient(db: DbOrTx, userId: string) {
	const found = await liveConnection(db, userId);
	return found?.usable ? found : null;
}

/** As grantClient, for a connection whose calendar is chosen (the only ones that sync). */
export async function clientFor(db: DbOrTx, userId: string) {
	const found = await grantClient(db, userId);
	return found?.calendarId ? { ...found, calendarId: found.calendarId } : null;
}

// Job keys. `calendar-push:<appointmentId>` is also written by the trigger in
// drizzle/migrations/0029_calendar_sync.sql. Payloads go through job_payload() (migration 0032),
// which adds the request id of the transaction queuing them, as the trigger's do.
export const pushKey = (appointmentId: string) => `calendar-push:${appointmentId}`;
const pullKey = (userId: string) => `calendar-pull:${userId}`;
const resyncKey = (userId: string) => `calendar-resync:${userId}`;

/** Queues a pull of the user's busy times; a pull already waiting is enough. */
export async function queuePull(db: DbOrTx, userId: string) {
	await db.execute(sql`SELECT graphile_worker.add_job('calendar__pull',
		job_payload(jsonb_build_object('userId', ${userId}::uuid)), job_key := ${pullKey(userId)}::text,
		max_attempts := 10)`);
}

/** Queues a full resync: everything pushed again, busy times read afresh. */
export async function queueResync(db: DbOrTx, userId: string) {
	await db.execute(sql`SELECT graphile_worker.add_job('calendar__resync',
		job_payload(jsonb_build_object('userId', ${userId}::uuid)), job_key := ${resyncKey(userId)}::text,
		job_key_mode := 'replace', max_attempts := 10)`);
}

/** Queues the push of one booking (as the trigger does for every change to it). */
export async function queuePush(db: DbOrTx, appointmentId: string) {
	await db.execute(sql`SELECT graphile_worker.add_job('calendar__push',
		job_payload(jsonb_build_object('appointmentId', ${appointmentId}::uuid)),
		job_key := ${pushKey(appointmentId)}::text, job_key_mode := 'replace', max_attempts := 25)`);
}

/**
 * Broken connections the office user should hear about: their own, and their cleaners' (all for
 * the whole business), named so someone can ask the right person to reconnect.
 */
export async function brokenConnections(db: DbOrTx, ctx: AuthContext) {
	const scope = ctx.office;
	if (!scope) return [];
	const theirs = scope.all
		? undefined
		: or(
				eq(calendarCredentials.userId, ctx.userID),
				inArray(
					calendarCredentials.userId,
					db
						.select({ id: sql<string>`${staff.userId}` })
						.from(staff)
						.where(inArray(staff.id, scope.staffIDs))
				)
			);
	return db
		.select({ name: users.name, provider: calendarCredentials.provider })
		.from(calendarCredentials)
		.innerJoin(users, eq(users.id, calendarCredentials.userId))
		.where(and(eq(calendarCredentials.status, 'broken'), theirs))
		.orderBy(users.name);
}
