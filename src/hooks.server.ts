import type { Handle } from '@sveltejs/kit';
import { authenticateRequest } from '$server/auth/request.ts';
import { closeDatabase } from '$server/db/client.ts';

export const handle: Handle = async ({ event, resolve }) => {
	// The session cookie, else an `Authorization: Bearer` access token (then there is no session).
	const auth = await authenticateRequest(event.cookies, event.request);
	event.locals.user = auth?.user ?? null;
	event.locals.session = auth?.session ?? null;
	return resolve(event);
};

// `node build` keeps running after SIGTERM while a postgres.js pool is open.
process.on('sveltekit:shutdown', () => void closeDatabase());
