import { authContextFor } from '$server/auth/context.ts';
import { apiCreateBooking } from '$server/api/booking-create.ts';
import { database } from '$server/db/client.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, locals }) =>
	apiCreateBooking(
		request,
		locals.user ? await authContextFor(database().db, locals.user) : undefined
	);
