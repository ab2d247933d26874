import { apiAddressValidate } from '$server/api/address.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request }) => apiAddressValidate(request);

// REST paths answer with or without a trailing slash (spec §5.1 writes them with one).
export const trailingSlash = 'ignore';
