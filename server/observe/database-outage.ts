import { fail, UNAVAILABLE_MESSAGE } from '../api/envelope.ts';

// While Postgres is unreachable (a restart, a failover), an answer says so — 503 with Retry-After,
// the REST code SERVICE_UNAVAILABLE — rather than 500 "something went wrong": a client or a load
// balancer can tell "wait and try again" from a fault, and nothing was saved either way.

export const RETRY_AFTER_SECONDS = 5;

/** The answer to a request the database's absence stopped before any page or endpoint ran. */
export function serviceUnavailable(path: string): Response {
	const response = path.startsWith('/api/')
		? fail(503, 'SERVICE_UNAVAILABLE', UNAVAILABLE_MESSAGE)
		: new Response(UNAVAILABLE_MESSAGE, {
				status: 503,
				headers: { 'content-type': 'text/plain; charset=utf-8' }
			});
	response.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
	return response;
}

/** An error answer SvelteKit drew (its error page, or the REST envelope) as the 503 it is. */
export function asUnavailable(response: Response): Response {
	const headers = new Headers(response.headers);
	headers.set('retry-after', String(RETRY_AFTER_SECONDS));
	return new Response(response.body, { status: 503, headers });
}
