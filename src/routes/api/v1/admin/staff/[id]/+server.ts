import { apiAdminStaff } from '$server/api/admin-staff.ts';
import { apiArchiveStaff, apiPatchStaff } from '$server/api/admin-staff-writes.ts';
import { contextOf } from '$server/api/context.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, locals }) =>
	apiAdminStaff(params.id, url, await contextOf(locals.user));

export const PATCH: RequestHandler = async ({ params, url, request, locals }) =>
	apiPatchStaff(params.id, url, request, await contextOf(locals.user));

export const DELETE: RequestHandler = async ({ params, url, locals }) =>
	apiArchiveStaff(params.id, url, await contextOf(locals.user));

// REST paths answer with or without a trailing slash (spec §5.1 writes them with one).
export const trailingSlash = 'ignore';
