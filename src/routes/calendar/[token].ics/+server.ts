import { calendarIcs } from '$server/booking/ics.ts';
import { feedFor } from '$server/calendar/feeds.ts';
import { database } from '$server/db/client.ts';
import type { RequestHandler } from './$types';

/**
 * GET /calendar/{token}.ics — a user's calendar feed for apps that subscribe by URL and cannot
 * sign in: the token is the key. Unknown, revoked and disabled all get the same plain 404.
 */
export const GET: RequestHandler = async ({ params }) => {
	const feed = await feedFor(database().db, params.token, Date.now());
	if (!feed)
		return new Response('No calendar at this address', {
			status: 404,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' }
		});
	return new Response(calendarIcs(feed.events, feed.name), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'cache-control': 'private, no-store'
		}
	});
};
