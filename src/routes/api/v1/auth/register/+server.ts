import { apiRegister } from '$server/api/auth.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, cookies }) => apiRegister(request, cookies);
