import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { fail, unexpectedErrorBody } from '$server/api/envelope.ts';
import { apiKeyRefusal } from '$server/auth/api-keys.ts';
import { authenticateRequest, endSession } from '$server/auth/request.ts';
import { totpState } from '$server/auth/totp.ts';
import { closeDatabase, database } from '$server/db/client.ts';
import { config } from '$server/env.ts';
import { reportError } from '$server/observe/errors.ts';
import { log } from '$server/observe/log.ts';
import { asUnavailable, serviceUnavailable } from '$server/observe/database-outage.ts';
import {
	connectionCode,
	isDatabaseConnectionFailure,
	surviveDatabaseRestarts
} from '$server/observe/process-errors.ts';
import { traceRequest } from '$server/observe/trace-request.ts';
import { stripeSettings } from '$server/payments/gateways.ts';
import { secureResponse } from '$server/security/headers.ts';
import { allowedOrigins, checkOrigin } from '$server/security/origin.ts';
import { checkPublicLimit, publicLimitFor } from '$server/security/public-limits.ts';

// A Postgres restart must not end the web process (server/observe/process-errors.ts).
export const init: ServerInit = () => surviveDatabaseRestarts();

// Every request has an id (the caller's `x-request-id` if sane), in every log line and error report
// of what it causes — mutators and the jobs it queues included — and in the answer's header.
// While Postgres is out of reach, the answer is 503 with Retry-After rather than 500
// (server/observe/database-outage.ts): thrown here before any route ran (the session lookup), or
// met by a route and seen by handleError below.
export const handle: Handle = ({ event, resolve }) =>
	traceRequest(event.request, event.route.id, async () => {
		try {
			const response = await answer({ event, resolve });
			return databaseLost.has(event.locals) ? asUnavailable(response) : response;
		} catch (error) {
			if (!isDatabaseConnectionFailure(error)) throw error;
			logLostDatabase(event, error);
			return secureResponse(serviceUnavailable(event.url.pathname), runtimeSources());
		}
	});

/** The requests (by their locals) whose error was the database being out of reach. */
const databaseLost = new WeakSet<App.Locals>();

function logLostDatabase(event: RequestEvent, error: unknown) {
	log.warning('database out of reach', {
		method: event.request.method,
		route: event.route.id,
		code: connectionCode(error)
	});
}

const runtimeSources = () => ({
	zeroUrl: config.zeroPublicUrl(),
	stripeJsUrl: stripeSettings().secretKey ? stripeSettings().jsUrl : null
});

// Security: the order matters. Cross-site requests are refused before any work; then who is
// asking; then the per-address limits of the public endpoints; every answer gets the headers.
const answer: Handle = async ({ event, resolve }) => {
	const sources = runtimeSources();
	const { request, url } = event;
	const origins = allowedOrigins(url.origin, config.publicUrl(), process.env.ALLOWED_ORIGINS);
	const origin = checkOrigin(request.method, url.pathname, request.headers, origins);
	if (!origin.ok) return secureResponse(crossSite(event, origin.reason), sources);

	// The session cookie, else an `Authorization: Bearer` access token (then there is no session).
	const auth = await authenticateRequest(event.cookies, request);
	const keyRefused = apiKeyRefusal(request.method, url.pathname, auth?.apiKey);
	if (keyRefused) return secureResponse(keyRefused, sources);
	// An admin must have two-step sign-in on: a session from before it was required, or from before
	// the role changed, is ended, and signing in again leads to enrolment.
	if (auth?.session && auth.user.role === 'admin') {
		if ((await totpState(database().db, auth.user.id)) !== 'on') {
			await endSession(event.cookies, auth.session.id);
			event.locals.user = null;
			event.locals.session = null;
			return secureResponse(await resolve(event), sources);
		}
	}
	event.locals.user = auth?.user ?? null;
	event.locals.session = auth?.session ?? null;

	if (publicLimitFor(request.method, url.pathname)) {
		const limited = await checkPublicLimit(database().db, {
			method: request.method,
			path: url.pathname,
			ip: clientAddress(event),
			role: event.locals.user?.role ?? null
		});
		if (limited) return secureResponse(limited, sources);
	}
	return secureResponse(await resolve(event), sources);
};

/** The caller's address (adapter-node: ADDRESS_HEADER and XFF_DEPTH behind a proxy). */
function clientAddress(event: RequestEvent): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

function crossSite(event: RequestEvent, reason: string): Response {
	const message = 'Cross-site requests are refused: use the app itself';
	log.warning('cross-site request refused', {
		method: event.request.method,
		route: event.route.id,
		reason
	});
	if (event.url.pathname.startsWith('/api/')) return fail(403, 'CROSS_SITE_REQUEST', message);
	return new Response(message, { status: 403, headers: { 'content-type': 'text/plain' } });
}

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (isDatabaseConnectionFailure(error)) {
		databaseLost.add(event.locals);
		logLostDatabase(event, error);
		return unexpectedErrorBody(event.url.pathname, 503, message, true);
	}
	if (status >= 500) {
		// The route id, not the path: a path can hold a booking's token.
		const where = { method: event.request.method, route: event.route.id, status };
		log.error('request failed', { ...where, error });
		reportError(error, where);
	}
	return unexpectedErrorBody(event.url.pathname, status, message);
};

// `node build` keeps running after SIGTERM while a postgres.js pool is open.
process.on('sveltekit:shutdown', () => void closeDatabase());
