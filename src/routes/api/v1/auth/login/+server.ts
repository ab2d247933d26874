import { apiLogin } from '$server/api/auth.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, cookies, getClientAddress }) =>
	apiLogin(request, cookies, getClientAddress());

// REST paths answer with or without a trailing slash (spec §5.1 writes them with one).
export const trailingSlash = 'ignore';
