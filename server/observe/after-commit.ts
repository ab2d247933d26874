import { AsyncLocalStorage } from 'node:async_hooks';

// Counters of things committed (bookings made, cancelled) must not count a transaction that then
// rolls back (a refused booking, a lost race at COMMIT). Code inside a transaction registers what
// to do; the transaction's runner (server/zero/endpoint.ts `dbProvider`) runs it once the commit
// has returned, and drops it when the transaction fails.

const pending = new AsyncLocalStorage<(() => void)[]>();

/** Runs `fn` after the surrounding tracked transaction commits; dropped outside one. */
export function afterCommit(fn: () => void): void {
	pending.getStore()?.push(fn);
}

/** Runs `transaction` (which commits when it resolves), then what it registered. */
export async function trackCommit<T>(transaction: () => Promise<T>): Promise<T> {
	const registered: (() => void)[] = [];
	const result = await collectAfterCommit(registered, transaction);
	runAfterCommit(registered);
	return result;
}

/**
 * Runs `work` with what it registers kept in `into`, for a caller that commits several pieces of
 * work together and keeps each one's list apart (server/api/group-commit.ts): a piece rolled back
 * to its savepoint drops its own list only.
 */
export function collectAfterCommit<T>(into: (() => void)[], work: () => T): T {
	return pending.run(into, work);
}

/** What a committed transaction registered, each on its own. */
export function runAfterCommit(registered: readonly (() => void)[]): void {
	for (const fn of registered) {
		try {
			fn();
		} catch {
			// A metric must never turn a committed write into an error.
		}
	}
}
