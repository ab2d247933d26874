import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';

/**
 * Serialises writes to one cleaner's diary until the transaction ends: racing bookings queue here,
 * and each one after the first then meets the committed row and gets a clean 23P01 from the
 * exclusion constraint (which stays the last word). Also the hook for checks that span a gap
 * between two jobs, which the constraint cannot see. A transaction-level lock, so it works behind
 * a transaction pool too.
 */
export async function lockCleaner(tx: Tx, staffId: string) {
	await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`valclean:staff:${staffId}`}))`);
}
