import { apiCustomerAppointments } from '$server/api/customer-account.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals }) =>
	apiCustomerAppointments(locals.user, url);

// REST paths answer with or without a trailing slash (spec §5.1 writes them with one).
export const trailingSlash = 'ignore';
