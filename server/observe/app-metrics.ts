import { database } from '../db/client.ts';
import { afterCommit } from './after-commit.ts';
import { createMetrics, statusClass } from './metrics.ts';

/** The process's metrics, served at /metrics (server/observe/metrics-endpoint.ts). */
export const metrics = createMetrics(() => database().sql, { processMetrics: true });

/** One HTTP request answered, by route id (`null` for no route: a 404 of an unknown path). */
export function observeRequest(
	routeId: string | null,
	method: string,
	status: number,
	seconds: number
) {
	metrics.httpDuration.observe(
		{ route: routeId ?? 'unmatched', method, status: statusClass(status) },
		seconds
	);
}

/** Called inside the booking's transaction: counted once it commits. */
export const countBookingCreated = () => afterCommit(() => metrics.bookingsCreated.inc());
export const countBookingCancelled = () => afterCommit(() => metrics.bookingsCancelled.inc());

/** One device upload of field events and how each was answered. */
export function countFieldUpload(results: readonly { status: string }[]) {
	metrics.fieldUpload.observe(results.length);
	for (const r of results) metrics.fieldEvents.inc({ result: r.status });
}
