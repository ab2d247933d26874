import { apiLogin } from '$server/api/auth.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, cookies }) => apiLogin(request, cookies);
