import { error, redirect } from '@sveltejs/kit';
import { contextOf } from '$server/api/context.ts';
import { beginConnect, mayConnect } from '$server/calendar/connect-flow.ts';
import { config } from '$server/env.ts';
import type { RequestHandler } from './$types';

// Starts connecting a calendar: off to the provider's consent screen, with a state cookie the
// callback checks.
export const GET: RequestHandler = async ({ locals, params, url, cookies }) => {
	const ctx = await contextOf(locals.user);
	if (!ctx) redirect(303, `/sign-in?next=${encodeURIComponent('/calendar-feed')}`);
	if (!mayConnect(ctx)) error(403, 'Calendar sync is for cleaners and the office');
	const started = await beginConnect(params.provider, url.origin);
	if (!started) error(404, 'That calendar provider is not offered here');
	cookies.set('calendar_connect_state', started.state, {
		path: '/calendar-connect',
		httpOnly: true,
		sameSite: 'lax',
		secure: config.secureCookies(),
		maxAge: 10 * 60
	});
	redirect(303, started.url);
};
