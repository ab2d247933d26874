import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
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
			const tagged = tagWithRequest(tx);
			if (!tagged) return work(tx);
			const result = await work(tx);
			await tagged;
			return result;
		}, config)) as Db['transaction'];
}

/**
 * Sends, without waiting, the statement that makes the rest of `tx` say it is the current
 * request's (outside a trace nothing, or with `clearOutsideTrace` no one's). Also for work
 * committed together with other requests' (server/api/group-commit.ts): set inside a savepoint,
 * it holds until the next request's.
 */
export function tagWithRequest(tx: Tx, clearOutsideTrace = false): Promise<unknown> | undefined {
	const requestId = currentRequestId() ?? (clearOutsideTrace ? '' : undefined);
	if (requestId === undefined) return undefined;
	const tagged = tx
		.execute(sql`SELECT set_config(${REQUEST_ID_SETTING}, ${requestId}, true)`)
		.execute();
	// Its failure, if any, aborts the transaction and surfaces through the work's next query.
	tagged.catch(() => {});
	return tagged;
}
