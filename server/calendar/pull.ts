import { and, eq, inArray, like, notInArray, or, sql } from 'drizzle-orm';
import { calendarBusy, calendarCredentials, calendarEvents, staff } from '../../drizzle/schema.ts';
import type { Db, Tx } from '../db/client.ts';
import { clientFor, markBroken, queuePush } from './connections.ts';
import {
	GrantRevoked,
	SyncTokenStale,
	type BusyChange,
	type BusyPage,
	type CalendarProviderName
} from './port.ts';

// The pull: busy times in a cleaner's own calendar block their slots. Incremental with the
// provider's sync token; a full listing when there is none yet (first pull, resync) or the
// provider says it is stale, and then busy times missing from the listing are dropped.

export type PullOutcome =
	| { kind: 'pulled'; full: boolean; busy: number; gone: number }
	| { kind: 'skipped'; reason: 'no connection' | 'not a cleaner' }
	| { kind: 'broken' };

/**
 * One pull for the user, in one transaction: the busy rows and the new sync token are stored
 * together, so a pull that fails half-way leaves the old token and is simply done again.
 * Serialised per user with an advisory lock (the cron and "Sync now" may meet).
 */
export async function pullBusy(db: Db, userId: string): Promise<PullOutcome> {
	return db.transaction(async (tx) => {
		await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`calendar-pull:${userId}`}))`);
		const [cleaner] = await tx.select({ id: staff.id }).from(staff).where(eq(staff.userId, userId));
		if (!cleaner) return { kind: 'skipped', reason: 'not a cleaner' } as const;
		const target = await clientFor(tx, userId);
		if (!target) return { kind: 'skipped', reason: 'no connection' } as const;
		const { syncToken } = target;

		let page: BusyPage;
		try {
			page = await target.client.busyChanges(target.calendarId, syncToken).catch((e: unknown) => {
				if (e instanceof SyncTokenStale && syncToken)
					return target.client.busyChanges(target.calendarId, null);
				throw e;
			});
		} catch (e) {
			if (!(e instanceof GrantRevoked)) throw e;
			await markBroken(tx, userId, e.message);
			return { kind: 'broken' } as const;
		}
		const counts = await apply(
			tx,
			{ userId, staffId: cleaner.id, provider: target.provider },
			page
		);
		await tx
			.update(calendarCredentials)
			.set({ syncToken: page.nextSyncToken, pulledAt: new Date() })
			.where(eq(calendarCredentials.userId, userId));
		return { kind: 'pulled', full: page.full, ...counts } as const;
	});
}

async function apply(
	tx: Tx,
	{
		userId,
		staffId,
		provider
	}: { userId: string; staffId: string; provider: CalendarProviderName },
	page: BusyPage
) {
	const latest = new Map<string, BusyChange>();
	for (const change of page.changes) latest.set(change.eventId, change);
	// Our own events are left out by the drivers (by their mark); the events we stored are left
	// out here as well, should a provider hand one back unmarked.
	const pushed = new Set(
		(
			await tx
				.select({ id: calendarEvents.eventId })
				.from(calendarEvents)
				.where(eq(calendarEvents.userId, userId))
		).map((r) => r.id)
	);
	const busy = [...latest.values()].filter(
		(c): c is Extract<BusyChange, { kind: 'busy' }> => c.kind === 'busy' && !pushed.has(c.eventId)
	);
	const gone = [...latest.values()].filter((c) => c.kind === 'gone').map((c) => c.eventId);

	const mine = eq(calendarBusy.userId, userId);
	if (page.full) {
		const keep = busy.map((b) => b.eventId);
		await tx
			.delete(calendarBusy)
			.where(keep.length ? and(mine, notInArray(calendarBusy.eventId, keep)) : mine);
	} else if (gone.length) {
		// Google lists a repeating event's occurrences as `<series id>_<start>`, and may report
		// the whole series deleted with its own id alone: that takes its occurrences with it.
		const occurrences =
			provider === 'google'
				? gone.map((id) => like(calendarBusy.eventId, `${id.replace(/[\\%_]/g, '\\$&')}\\_%`))
				: [];
		await tx
			.delete(calendarBusy)
			.where(and(mine, or(inArray(calendarBusy.eventId, gone), ...occurrences)));
	}
	for (const b of busy) {
		const span = { staffId, blockedFrom: new Date(b.start), blockedUntil: new Date(b.end) };
		await tx
			.insert(calendarBusy)
			.values({ userId, eventId: b.eventId, ...span })
			.onConflictDoUpdate({ target: [calendarBusy.userId, calendarBusy.eventId], set: span });
	}
	return { busy: busy.length, gone: gone.length };
}

/**
 * What a full resync queues besides the pull: a push of every booking of the user's that has not
 * ended, and of every booking already in their calendar (to take out what no longer belongs).
 */
export async function queueUserPushes(db: Db | Tx, userId: string): Promise<number> {
	const rows = await db.execute<{ id: string }>(sql`
		SELECT a.id FROM appointments a JOIN staff s ON s.id = a.staff_id
		WHERE s.user_id = ${userId} AND a.end_time > now() AND a.status NOT IN ('cancelled', 'expired')
		UNION
		SELECT appointment_id FROM calendar_events WHERE user_id = ${userId}`);
	for (const { id } of rows) await queuePush(db, id);
	return rows.length;
}
