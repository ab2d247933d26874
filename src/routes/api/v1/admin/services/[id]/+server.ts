import { apiArchiveService, apiPatchService } from '$server/api/admin-service-writes.ts';
import { apiAdminService } from '$server/api/admin-services.ts';
import { contextOf } from '$server/api/context.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, locals }) =>
	apiAdminService(params.id, url, await contextOf(locals.user));

export const PATCH: RequestHandler = async ({ params, url, request, locals }) =>
	apiPatchService(params.id, url, request, await contextOf(locals.user));

export const DELETE: RequestHandler = async ({ params, url, locals }) =>
	apiArchiveService(params.id, url, await contextOf(locals.user));

// REST paths answer with or without a trailing slash (spec §5.1 writes them with one).
export const trailingSlash = 'ignore';
