import { apiCreateBooking } from '$server/api/booking-create.ts';
import { contextOf } from '$server/api/context.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, locals }) =>
	apiCreateBooking(request, await contextOf(locals.user));
