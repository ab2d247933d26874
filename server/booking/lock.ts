import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';

/**
 * Serialises writes to one cleaner's diary until the transaction ends: racing bookings queue here,
 * and each one after the first then meets the committed row and gets a clean 23P01 from the
 * exclusion constraint (which stays the last word). Also the hook for checks that span a gap
 * between two jobs, which the constraint cannot see. A transaction-level lock, so it works behind
 * a transaction pool too. The statement is sent at once (`.execute()`), so one sent right after it
 * without waiting (the booking's insert) runs behind it, once the lock is held.
 */
export function lockCleaner(tx: Tx, staffId: string) {
	return tx
		.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`valclean:staff:${staffId}`}))`)
		.execute();
}

/**
 * Serialises adding customers with this email (as the forms store it: trimmed, lower case) until
 * the transaction ends, so the office's check for a customer already at the postcode sees a
 * twin being added at the same moment.
 */
export function lockCustomerEmail(tx: Tx, email: string) {
	const key = `valclean:customer-email:${email.trim().toLowerCase()}`;
	return tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`).execute();
}
