import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line of one request (or one job) carries. */
export type TraceContext = {
	requestId: string;
	/** Set inside a Graphile Worker job. */
	jobId?: string;
	task?: string;
};

const store = new AsyncLocalStorage<TraceContext>();

// An id a proxy or another service made is kept so one request can be followed across them;
// anything else (too long, spaces, control characters: a way to forge log lines) is replaced.
const SANE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The incoming `x-request-id` when it looks like an id, else a new one. */
export function requestIdFrom(header: string | null | undefined): string {
	return header && SANE_ID.test(header) ? header : randomUUID();
}

/** Runs `fn` with `context` visible to everything it calls, however deep and however async. */
export function withTrace<T>(context: TraceContext, fn: () => T): T {
	return store.run(context, fn);
}

export function currentTrace(): TraceContext | undefined {
	return store.getStore();
}

export function currentRequestId(): string | undefined {
	return store.getStore()?.requestId;
}

/**
 * A job's payload with the request id of the request queuing it, so the worker's log lines for
 * the job carry the same id as the request's (server/observe/jobs.ts reads it back). A job queuing
 * another passes its own on; outside any trace (a script) the payload is unchanged. Jobs queued by
 * triggers get it from the transaction instead (server/observe/db-trace.ts).
 */
export function jobPayload<T extends Record<string, unknown>>(
	payload: T
): T & { requestId?: string } {
	const requestId = currentRequestId();
	return requestId ? { ...payload, requestId } : payload;
}
