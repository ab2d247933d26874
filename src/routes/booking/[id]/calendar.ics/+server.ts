import { error } from '@sveltejs/kit';
import { contextOf } from '$server/api/context.ts';
import { bookingIcs } from '$server/booking/ics.ts';
import { manageView } from '$server/booking/manage-view.ts';
import { database } from '$server/db/client.ts';
import { z } from 'zod';
import type { RequestHandler } from './$types';

/** GET /booking/{id}/calendar.ics?token= — "add to calendar", for whoever may see the booking. */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const token = url.searchParams.get('token') ?? undefined;
	const view = z.uuid().safeParse(params.id).success
		? await manageView(database().db, params.id, await contextOf(locals.user), token, Date.now())
		: null;
	if (!view) error(404, 'No booking with this link');
	const manage = new URL(`/booking/${view.id}?token=${view.token}`, url.origin).href;
	const notes = view.accessNotes ? `Access notes: ${view.accessNotes}\n` : '';
	const ics = bookingIcs({
		uid: `${view.id}@valclean`,
		start: view.start,
		end: view.end,
		summary: `VALClean: ${view.serviceName}`,
		location: view.address,
		description: `${notes}Your cleaner: ${view.cleaner}\nChange or cancel: ${manage}`,
		url: manage,
		now: Date.now()
	});
	return new Response(ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="valclean-${view.id.slice(0, 8)}.ics"`
		}
	});
};
