import { apiGetProfile, apiPutProfile } from '$server/api/customer-account.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals }) => apiGetProfile(locals.user, url);

export const PUT: RequestHandler = async ({ url, locals, request }) =>
	apiPutProfile(locals.user, url, request);

// REST paths answer with or without a trailing slash (spec §5.1 writes them with one).
export const trailingSlash = 'ignore';
