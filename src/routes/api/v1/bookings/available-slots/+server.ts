import { apiAvailableSlots } from '$server/api/bookings.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) => apiAvailableSlots(url, Date.now());
