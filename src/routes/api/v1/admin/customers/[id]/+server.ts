import { apiArchiveCustomer, apiPatchCustomer } from '$server/api/admin-customer-writes.ts';
import { apiAdminCustomer } from '$server/api/admin-customers.ts';
import { contextOf } from '$server/api/context.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, locals }) =>
	apiAdminCustomer(params.id, url, await contextOf(locals.user));

export const PATCH: RequestHandler = async ({ params, url, request, locals }) =>
	apiPatchCustomer(params.id, url, request, await contextOf(locals.user));

export const DELETE: RequestHandler = async ({ params, url, locals }) =>
	apiArchiveCustomer(params.id, url, await contextOf(locals.user));

// REST paths answer with or without a trailing slash (spec §5.1 writes them with one).
export const trailingSlash = 'ignore';
