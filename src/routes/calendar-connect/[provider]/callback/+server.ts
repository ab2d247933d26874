import { error, redirect } from '@sveltejs/kit';
import { contextOf } from '$server/api/context.ts';
import { finishConnect, mayConnect } from '$server/calendar/connect-flow.ts';
import { database } from '$server/db/client.ts';
import type { RequestHandler } from './$types';

// Back from the provider's consent screen: the grant is stored and the user chooses a calendar.
export const GET: RequestHandler = async ({ locals, params, url, cookies }) => {
	const ctx = await contextOf(locals.user);
	if (!ctx) redirect(303, `/sign-in?next=${encodeURIComponent('/calendar-feed')}`);
	if (!mayConnect(ctx)) error(403, 'Calendar sync is for cleaners and the office');
	const expected = cookies.get('calendar_connect_state');
	cookies.delete('calendar_connect_state', { path: '/calendar-connect' });
	const q = url.searchParams;
	const result = await finishConnect(
		database().db,
		ctx,
		{
			provider: params.provider,
			code: q.get('code'),
			state: q.get('state'),
			error: q.get('error')
		},
		expected,
		url.origin
	);
	const back = result.ok ? '?connected=1' : `?problem=${encodeURIComponent(result.message)}`;
	redirect(303, `/calendar-feed${back}`);
};
