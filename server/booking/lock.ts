import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';

/**
 * Serialises writes of one cleaner's diary until the transaction ends. Without it, two inserts
 * racing for the same time can each wait on the other inside the exclusion constraint (Postgres
 * checks exclusion constraints after inserting, unlike unique indexes) and one is killed as a
 * deadlock a second later; with it, the second waits, then meets the first's committed row and
 * gets a clean 23P01. A transaction-level lock, so it also works behind a transaction pool.
 */
export async function lockCleaner(tx: Tx, staffId: string) {
	await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`valclean:staff:${staffId}`}))`);
}
