import { redirect } from '@sveltejs/kit';
import { contextOf } from '$server/api/context.ts';
import { paypalReturn } from '$server/api/payments.ts';
import type { RequestHandler } from './$types';

// PayPal sends the customer back here after they approve (or cancel) on PayPal's site.
export const GET: RequestHandler = async ({ params, url, locals }) =>
	redirect(303, await paypalReturn(params.id, url, await contextOf(locals.user)));
