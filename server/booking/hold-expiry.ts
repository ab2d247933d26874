import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/**
 * `pending` bookings whose unpaid hold ran out by `now` (hold_expires_at, set when they were made)
 * free their slots: marked `expired`, every occurrence of a series at once (they share the
 * deadline). Run every minute by the worker, in a transaction of the app's pool so the calendar
 * pushes its trigger queues carry the sweep's request id (server/observe/db-trace.ts). The rows are
 * locked first, a series' first occurrence before the others, as a payment locks them
 * (server/payments/booking.ts): one paid meanwhile is no longer `pending` and stays as it is, and
 * the two never deadlock. The ids expired, for the log.
 */
export async function expireHolds(db: Db, now: number): Promise<string[]> {
	return db.transaction(async (tx) => {
		const rows = await tx.execute<{ id: string }>(sql`
			WITH due AS (
				SELECT id FROM appointments
				WHERE status = 'pending' AND hold_expires_at <= ${new Date(now).toISOString()}::timestamptz
				ORDER BY coalesce(series_id, id), id = coalesce(series_id, id) DESC, id
				FOR UPDATE
			)
			UPDATE appointments a SET status = 'expired', updated_at = now()
			FROM due WHERE a.id = due.id
			RETURNING a.id`);
		return [...rows].map((r) => r.id);
	});
}
