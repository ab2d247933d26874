import { AsyncLocalStorage } from 'node:async_hooks';

// A request in a shared transaction (server/api/group-commit.ts) runs on the transaction's one
// connection, one after another. The next request need not wait for this one's last answers: once
// this one has sent its last statement and can fail only by one of them failing, the next one's
// statements may follow it on the connection, and the database runs them in order behind it.
// A write path says so here when it gets there; outside a shared transaction nobody listens.

const listener = new AsyncLocalStorage<() => void>();

/**
 * Called by a write path right after it has sent its last statement, when nothing but one of
 * those statements failing can refuse it any more.
 */
export function lastStatementSent(): void {
	listener.getStore()?.();
}

/** Runs `work`, calling `onSent` if it reports its last statement sent. */
export function listenForLastStatement<T>(onSent: () => void, work: () => T): T {
	return listener.run(onSent, work);
}

/** Runs `work` with no one listening: for a caller that still sends statements after it. */
export function stillSending<T>(work: () => T): T {
	return listener.exit(work);
}
