import { apiLogout } from '$server/api/auth.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, cookies, locals }) =>
	apiLogout(request, cookies, locals.session);

// REST paths answer with or without a trailing slash (spec §5.1 writes them with one).
export const trailingSlash = 'ignore';
