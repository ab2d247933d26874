import type { Handle, HandleServerError } from '@sveltejs/kit';
import { unexpectedErrorBody } from '$server/api/envelope.ts';
import { authenticateRequest } from '$server/auth/request.ts';
import { closeDatabase } from '$server/db/client.ts';

export const handle: Handle = async ({ event, resolve }) => {
	// The session cookie, else an `Authorization: Bearer` access token (then there is no session).
	const auth = await authenticateRequest(event.cookies, event.request);
	event.locals.user = auth?.user ?? null;
	event.locals.session = auth?.session ?? null;
	return resolve(event);
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status >= 500) console.error(`${event.request.method} ${event.url.pathname} failed:`, error);
	return unexpectedErrorBody(event.url.pathname, status, message);
};

// `node build` keeps running after SIGTERM while a postgres.js pool is open.
process.on('sveltekit:shutdown', () => void closeDatabase());
