import { apiCreateService } from '$server/api/admin-service-writes.ts';
import { apiAdminServices } from '$server/api/admin-services.ts';
import { contextOf } from '$server/api/context.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals }) =>
	apiAdminServices(url, await contextOf(locals.user));

export const POST: RequestHandler = async ({ url, request, locals }) =>
	apiCreateService(url, request, await contextOf(locals.user));

// REST paths answer with or without a trailing slash (spec §5.1 writes them with one).
export const trailingSlash = 'ignore';
