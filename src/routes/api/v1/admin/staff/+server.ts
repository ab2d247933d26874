import { apiAdminStaffList } from '$server/api/admin-staff.ts';
import { apiCreateStaff } from '$server/api/admin-staff-writes.ts';
import { contextOf } from '$server/api/context.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals }) =>
	apiAdminStaffList(url, await contextOf(locals.user));

export const POST: RequestHandler = async ({ url, request, locals }) =>
	apiCreateStaff(url, request, await contextOf(locals.user));

// REST paths answer with or without a trailing slash (spec §5.1 writes them with one).
export const trailingSlash = 'ignore';
