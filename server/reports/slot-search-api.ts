import { z } from 'zod';
import { isLocalDate } from '../../sync/domain/local-day.ts';
import { parseJsonBody } from '../api/validation.ts';
import { database } from '../db/client.ts';
import { logSlotSearch } from './slot-searches.ts';

const searchBody = z.strictObject({
	service_id: z.uuid({ error: 'Give the service as its id (a UUID)' }),
	postcode: z.string({ error: 'Give the postcode searched' }).max(16),
	date: z.string().refine(isLocalDate, 'Give the date as YYYY-MM-DD')
});

/** POST /api/slot-searches: one search the booking page showed; 204, nothing to read back. */
export async function apiLogSlotSearch(request: Request, now: number) {
	const parsed = await parseJsonBody(request, searchBody);
	if (!parsed.ok) return parsed.response;
	const { service_id, postcode, date } = parsed.data;
	await logSlotSearch(
		database().db,
		{ serviceId: service_id, postcode, date, source: 'booking_page', slotsFound: null },
		now
	);
	return new Response(null, { status: 204 });
}
