import { apiReachableSlots } from '$server/booking/reachable.ts';
import type { RequestHandler } from './$types';

// Which starts each cleaner can reach in time (travel), for the booking page's live slot list.
export const GET: RequestHandler = ({ url }) => apiReachableSlots(url, Date.now());
