import { apiConfirmPasswordReset } from '$server/api/password-reset.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, getClientAddress }) =>
	apiConfirmPasswordReset(request, getClientAddress());

// REST paths answer with or without a trailing slash (spec §5.1 writes them with one).
export const trailingSlash = 'ignore';
