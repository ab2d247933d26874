import { apiCreateCustomer } from '$server/api/admin-customer-writes.ts';
import { apiAdminCustomers } from '$server/api/admin-customers.ts';
import { contextOf } from '$server/api/context.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals }) =>
	apiAdminCustomers(url, await contextOf(locals.user));

export const POST: RequestHandler = async ({ url, request, locals }) =>
	apiCreateCustomer(url, request, await contextOf(locals.user));

// REST paths answer with or without a trailing slash (spec §5.1 writes them with one).
export const trailingSlash = 'ignore';
