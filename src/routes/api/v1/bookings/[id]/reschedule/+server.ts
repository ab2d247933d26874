import { apiRescheduleBooking } from '$server/api/booking-manage.ts';
import { contextOf } from '$server/api/context.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, request, url, locals }) =>
	apiRescheduleBooking(params.id, request, url, await contextOf(locals.user));

// REST paths answer with or without a trailing slash (spec §5.1 writes them with one).
export const trailingSlash = 'ignore';
