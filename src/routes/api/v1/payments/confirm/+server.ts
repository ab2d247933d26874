import { contextOf } from '$server/api/context.ts';
import { apiConfirmPayment } from '$server/api/payments.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, locals }) =>
	apiConfirmPayment(request, await contextOf(locals.user));

// REST paths answer with or without a trailing slash (spec §5.1 writes them with one).
export const trailingSlash = 'ignore';
