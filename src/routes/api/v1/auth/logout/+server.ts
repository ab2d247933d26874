import { apiLogout } from '$server/api/auth.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, cookies, locals }) =>
	apiLogout(request, cookies, locals.session);
