import { apiPayPalWebhook } from '$server/api/payments.ts';
import type { RequestHandler } from './$types';

// PayPal calls this with no session: the signature on the raw body is the only credential.
export const POST: RequestHandler = async ({ request }) => apiPayPalWebhook(request);

// REST paths answer with or without a trailing slash (spec §5.1 writes them with one).
export const trailingSlash = 'ignore';
