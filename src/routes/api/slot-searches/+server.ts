import { apiLogSlotSearch } from '$server/reports/slot-search-api.ts';
import type { RequestHandler } from './$types';

// The booking page's slot searches, worked out on the device, logged for the conversion report.
export const POST: RequestHandler = ({ request }) => apiLogSlotSearch(request, Date.now());
