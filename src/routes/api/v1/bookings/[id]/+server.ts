import { apiGetBooking } from '$server/api/booking-manage.ts';
import { contextOf } from '$server/api/context.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, locals }) =>
	apiGetBooking(params.id, url, await contextOf(locals.user));
