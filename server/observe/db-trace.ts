import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { currentRequestId } from './context.ts';

/** The transaction-local setting that triggers read (migration 0032, SQL `job_payload`). */
export const REQUEST_ID_SETTING = 'valclean.request_id';

/**
 * Makes every transaction of `db` begun inside a traced request or job say whose it is, so that
 * jobs queued by triggers (e.g. `calendar__push` on any change to an appointment) carry the same
 * request id as the ones code queues with `jobPayload`. `set_config(…, true)` lasts until the
 * transaction ends, so behind a transaction pool it never reaches another client's transaction.
 *
 * The statement is sent at once and not awaited before the work starts: postgres.js sends a
 * transaction's statements in order on its one connection, so it still runs first, without a
 * round trip of its own. Outside a trace nothing is sent.
 */
export function traceTransactions(db: Db): void {
	const begin = db.transaction.bind(db);
	db.transaction = ((work, config) =>
		begin(async (tx) => {
			const requestId = currentRequestId();
			if (!requestId) return work(tx);
			const tagged = tx
				.execute(sql`SELECT set_config(${REQUEST_ID_SETTING}, ${requestId}, true)`)
				.execute();
			// Its failure, if any, aborts the transaction and surfaces through the work's next query.
			tagged.catch(() => {});
			const result = await work(tx);
			await tagged;
			return result;
		}, config)) as Db['transaction'];
}
