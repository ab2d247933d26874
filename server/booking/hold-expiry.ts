import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/**
 * A `pending` booking (or recurring series) whose hold ran out frees its slots. In a transaction
 * of the app's pool, so the calendar push its trigger queues carries the request id the hold was
 * queued with (server/observe/db-trace.ts); a booking paid meanwhile is no longer `pending` and
 * stays as it is.
 */
export async function expireHold(db: Db, appointmentId: string): Promise<number> {
	return db.transaction(async (tx) => {
		const expired =
			await tx.execute(sql`UPDATE appointments SET status = 'expired', updated_at = now()
			WHERE (id = ${appointmentId} OR series_id = ${appointmentId}) AND status = 'pending'`);
		return expired.count;
	});
}
