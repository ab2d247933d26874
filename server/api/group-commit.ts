import { AsyncLocalStorage } from 'node:async_hooks';
import { ApplicationError, InputValidationError, type ReadonlyJSONValue } from '@rocicorp/zero';
import { sql } from 'drizzle-orm';
import type { AuthContext } from '../../sync/auth.ts';
import type { Tx } from '../db/client.ts';
import { collectAfterCommit, runAfterCommit } from '../observe/after-commit.ts';
import { listenForLastStatement } from '../db/last-statement.ts';
import { tagWithRequest } from '../observe/db-trace.ts';
import { dbProvider, runServerMutator } from '../zero/endpoint.ts';
import { refusalResponse, runMutation } from './mutations.ts';

/**
 * Group commit for one REST mutator: requests that arrive while a transaction of theirs is running
 * wait, then go together in the next one, each in its own savepoint. What a transaction costs
 * beyond its statements (BEGIN and COMMIT, the WAL flush, and above all zero-cache replicating it:
 * about 2.5 ms of CPU per transaction against 0.4 ms per row, measured by bench:replication) is
 * then paid once for many requests under load, and once for one when the server is quiet (no
 * waiting for company).
 *
 * Each request is still its own: its savepoint is rolled back when it is refused, so the others'
 * writes stand; it sees the writes of those before it in the same transaction, as if they had
 * committed just before (for a booking: the slot taken, the cleaner's new job); it runs in its own
 * request's async context (request id, receipt, metrics after commit); and it is answered only
 * once the transaction has committed. A request that fails for any reason but a refusal (a
 * deadlock with another process's transaction, a broken connection, COMMIT failing) is run again
 * on its own, as runMutation would have run it, so it never fails for another's sake.
 *
 * The savepoints are plain statements, sent without waiting behind the request's own (a
 * postgres.js savepoint waits for each: a round trip more per request, and measured slower under
 * contention). A request that says it has sent its last statement (server/db/last-statement.ts:
 * a booking, once its writes are sent) is released then, and the next one starts while the
 * database is still running the first one's writes. postgres.js fails a transaction at its end
 * if any statement in it failed, even one rolled back to a savepoint: so a request that met a
 * database error (an overlap the constraint refused, which the lock taken first makes rare) sends
 * its whole group back to run one by one. Refusals decided before any statement fails (a slot
 * no longer free, a bad field) cost the others nothing.
 *
 * One transaction at a time per process: its requests never wait on each other's locks (two at a
 * time, by cleaner, measured slower: this process's one thread is what a busy server runs out of).
 * Within a transaction requests go in `key` order (bookings: the cleaner), so the transactions of
 * several processes take such locks in one order and do not deadlock on them.
 */
export function groupCommit<A extends ReadonlyJSONValue>(
	mutator: { readonly mutatorName: string; readonly '~': { readonly $input: A } },
	key: (args: A) => string,
	/**
	 * A refusal known without the database (the mutator would refuse the same way), asked when
	 * the request arrives and again when a transaction is about to take it: answered at once,
	 * without waiting for a transaction or taking a savepoint in one.
	 */
	refuseAtOnce: (args: A) => unknown = () => null
) {
	type Waiting = {
		args: A;
		ctx: AuthContext | undefined;
		/** The request's async context, to run its part of the transaction in. */
		inContext: <R>(fn: () => R) => R;
		/** null: committed; a refusal to answer with; 'alone': run it again on its own. */
		settle: (outcome: unknown) => void;
	};
	const waiting: Waiting[] = [];
	let running = false;

	async function commit(group: Waiting[]): Promise<unknown[]> {
		const outcomes: unknown[] = group.map(() => null);
		const registered = group.map((): (() => void)[] => []);
		try {
			await dbProvider().transaction(async (tx) => {
				const db = tx.dbTransaction.wrappedTransaction as Tx;
				// Each request's savepoint is released or rolled back without waiting: the next
				// request's statements follow it on the connection, in order. Awaited before COMMIT
				// (a failure then fails the group), and never an unhandled rejection meanwhile.
				const ends: Promise<unknown>[] = [];
				const end = (statement: 'RELEASE' | 'ROLLBACK TO') => {
					const sent = db.execute(sql.raw(`${statement} SAVEPOINT request`)).execute();
					sent.catch(() => {});
					ends.push(sent);
				};
				// Requests released as soon as they had sent their last statement, still running.
				const ahead: Promise<{ error: unknown } | null>[] = [];
				for (const [i, w] of group.entries()) {
					const savepoint = db.execute(sql`SAVEPOINT request`).execute();
					let reportSent!: () => void;
					const sent = new Promise<'sent'>((resolve) => (reportSent = () => resolve('sent')));
					const outcome = w
						.inContext(() =>
							listenForLastStatement(reportSent, () =>
								collectAfterCommit(registered[i], async () => {
									const tagged = tagWithRequest(db, true);
									// All three settled before the savepoint is released or rolled back,
									// so that no statement of this request can follow it.
									const settled = await Promise.allSettled([
										savepoint,
										tagged,
										runServerMutator(tx, mutator.mutatorName, w.args, w.ctx, 'api')
									]);
									const failed = settled.find((r) => r.status === 'rejected');
									if (failed) throw failed.reason;
								})
							)
						)
						.then(
							() => null,
							(error: unknown) => ({ error })
						);
					const first = await Promise.race([outcome, sent]);
					if (first === 'sent') {
						// Nothing but one of its statements failing can refuse it now, and that fails the
						// whole transaction: released at once, and the next request's statements follow
						// its own while their answers are on the way (last-statement.ts).
						end('RELEASE');
						ahead.push(outcome);
					} else if (first) {
						end('ROLLBACK TO');
						registered[i].length = 0;
						outcomes[i] = isRefusal(first.error) ? first.error : 'alone';
					} else {
						end('RELEASE');
					}
				}
				// One that failed all the same (its RELEASE then fails too, if a statement did): its
				// writes must not commit as if it had been answered.
				const failedLate = (await Promise.all(ahead)).find(Boolean);
				if (failedLate) throw failedLate.error;
				await Promise.all(ends);
			});
		} catch {
			// Nothing of the group was written: each runs again on its own.
			return group.map(() => 'alone');
		}
		registered.forEach(runAfterCommit);
		return outcomes;
	}

	async function drain() {
		running = true;
		try {
			while (waiting.length) {
				const group: Waiting[] = [];
				while (group.length < MAX_GROUP && waiting.length) {
					const w = waiting.shift()!;
					const refused = refuseAtOnce(w.args);
					if (refused) w.settle(refused);
					else group.push(w);
				}
				if (!group.length) continue;
				group.sort((a, b) => byKey(key(a.args), key(b.args)));
				const outcomes = await commit(group);
				group.forEach((w, i) => w.settle(outcomes[i]));
			}
		} finally {
			running = false;
		}
	}

	/** As runMutation: null once committed, or the envelope of the refusal. */
	return async function run(args: A, ctx: AuthContext | undefined): Promise<Response | null> {
		const refused = refuseAtOnce(args);
		if (refused) return refusalResponse(refused);
		const outcome = await new Promise<unknown>((settle) => {
			waiting.push({ args, ctx, inContext: AsyncLocalStorage.snapshot(), settle });
			if (!running) void drain();
		});
		if (outcome === null) return null;
		if (outcome === 'alone') return runMutation(mutator, args, ctx);
		return refusalResponse(outcome);
	};
}

// At most this many requests (savepoints) in one transaction: Postgres keeps 64 subtransactions
// per transaction in memory, beyond which every session's snapshots get slower.
const MAX_GROUP = 32;

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const isRefusal = (error: unknown) =>
	error instanceof ApplicationError || error instanceof InputValidationError;
