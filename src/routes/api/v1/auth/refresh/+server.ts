import { apiRefresh } from '$server/api/auth.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request }) => apiRefresh(request);
