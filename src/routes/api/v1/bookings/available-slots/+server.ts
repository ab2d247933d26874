import { apiAvailableSlots } from '$server/api/bookings.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) => apiAvailableSlots(url, Date.now());

// REST paths answer with or without a trailing slash (spec §5.1 writes them with one).
export const trailingSlash = 'ignore';
