import { AsyncLocalStorage } from 'node:async_hooks';
import { ApplicationError, InputValidationError, type ReadonlyJSONValue } from '@rocicorp/zero';
import { zeroDrizzle } from '@rocicorp/zero/server/adapters/drizzle';
import type { AuthContext } from '../../sync/auth.ts';
import { schema } from '../../sync/schema.ts';
import { database } from '../db/client.ts';
import { collectAfterCommit, runAfterCommit } from '../observe/after-commit.ts';
import { tagWithRequest } from '../observe/db-trace.ts';
import { runServerMutator } from '../zero/endpoint.ts';
import { refusalResponse, runMutation } from './mutations.ts';

/**
 * Group commit for one REST mutator: requests that arrive while a transaction of theirs is running
 * wait, then go together in the next one, each in its own savepoint (a Zero transaction nested in
 * the group's). What a transaction costs beyond its statements (BEGIN and COMMIT, the WAL flush,
 * and above all zero-cache replicating it: about 2.5 ms of CPU per transaction against 0.4 ms per
 * row, measured by bench:replication) is then paid once for many requests under load, and once for
 * one when the server is quiet (no waiting for company).
 *
 * Each request is still its own: its savepoint is rolled back when it is refused, so the others'
 * writes stand; it sees the writes of those before it in the same transaction, as if they had
 * committed just before (for a booking: the slot taken, the cleaner's new job); it runs in its own
 * request's async context (request id, receipt, metrics after commit); and it is answered only
 * once the transaction has committed. A request that fails for any reason but a refusal (a
 * deadlock with another process's transaction, a broken connection, COMMIT failing) is run again
 * on its own, as runMutation would have run it, so it never fails for another's sake.
 *
 * One transaction at a time per process: its requests never wait on each other's locks (two at a
 * time, by cleaner, measured slower: this process's one thread is what a busy server runs out of).
 * Within a transaction requests go in `key` order (bookings: the cleaner), so the transactions of
 * several processes take such locks in one order and do not deadlock on them.
 */
export function groupCommit<A extends ReadonlyJSONValue>(
	mutator: { readonly mutatorName: string; readonly '~': { readonly $input: A } },
	key: (args: A) => string,
	maxSize = 32
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
		const outcomes: unknown[] = [];
		const registered = group.map((): (() => void)[] => []);
		try {
			await database().db.transaction(async (tx) => {
				// Zero's transaction runner over this transaction: each request's own is a savepoint
				// of it, which postgres.js rolls back, with the request's failed statements, on error.
				const requests = zeroDrizzle(schema, tx);
				for (const [i, w] of group.entries()) {
					try {
						await w.inContext(() =>
							collectAfterCommit(registered[i], () =>
								requests.transaction(async (own) => {
									const tagged = tagWithRequest(own.dbTransaction.wrappedTransaction, true);
									await runServerMutator(own, mutator.mutatorName, w.args, w.ctx, 'api');
									await tagged;
								})
							)
						);
						outcomes.push(null);
					} catch (error) {
						registered[i].length = 0;
						outcomes.push(isRefusal(error) ? error : 'alone');
					}
				}
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
				const group = waiting.splice(0, maxSize);
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
		const outcome = await new Promise<unknown>((settle) => {
			waiting.push({ args, ctx, inContext: AsyncLocalStorage.snapshot(), settle });
			if (!running) void drain();
		});
		if (outcome === null) return null;
		if (outcome === 'alone') return runMutation(mutator, args, ctx);
		return refusalResponse(outcome);
	};
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const isRefusal = (error: unknown) =>
	error instanceof ApplicationError || error instanceof InputValidationError;
