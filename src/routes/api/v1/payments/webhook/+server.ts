import { apiStripeWebhook } from '$server/api/payments.ts';
import type { RequestHandler } from './$types';

// Stripe calls this with no session: the signature on the raw body is the only credential.
export const POST: RequestHandler = async ({ request }) => apiStripeWebhook(request);

// REST paths answer with or without a trailing slash (spec §5.1 writes them with one).
export const trailingSlash = 'ignore';
