import { apiLogout } from '$server/api/auth.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ cookies, locals }) => apiLogout(cookies, locals.session);
