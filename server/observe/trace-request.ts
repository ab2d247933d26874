import { observeRequest } from './app-metrics.ts';
import { requestIdFrom, withTrace } from './context.ts';
import { log } from './log.ts';

/**
 * One HTTP request, traced: its id (the caller's `x-request-id` if sane, else a new one) is in
 * every log line and error report of what it causes — mutators, and the jobs queued by code or by
 * triggers in its transactions — and in the answer's header. One `request` line at the end, with
 * the route id, never the path (a path can hold a booking's token) nor the query.
 */
export function traceRequest(
	request: Request,
	routeId: string | null,
	answer: () => Response | Promise<Response>
): Promise<Response> {
	const requestId = requestIdFrom(request.headers.get('x-request-id'));
	const started = performance.now();
	return withTrace({ requestId }, async () => {
		const response = await answer();
		// The hooks' secureResponse made the headers writable (a copy if they were not).
		response.headers.set('x-request-id', requestId);
		const seconds = (performance.now() - started) / 1000;
		observeRequest(routeId, request.method, response.status, seconds);
		// Failures have their own error line (hooks' handleError); this one is the access log.
		log.info('request', {
			method: request.method,
			route: routeId ?? 'unmatched',
			status: response.status,
			ms: Math.round(seconds * 1000)
		});
		return response;
	});
}
