import { z } from 'zod';
import { isLocalDate } from '../../sync/domain/local-day.ts';
import { toLocalIso } from '../../sync/domain/booking-policy.ts';
import { searchSlots } from '../booking/availability.ts';
import { database } from '../db/client.ts';
import { logSlotSearch } from '../reports/slot-searches.ts';
import { fail, ok } from './envelope.ts';
import { queryObject, validationFailed } from './validation.ts';

const slotQuery = z.strictObject(
	{
		service_id: z.uuid({ error: 'Give the service as its id (a UUID)' }),
		date: z
			.string({ error: 'Give the date as YYYY-MM-DD' })
			.refine(isLocalDate, 'Give a real date as YYYY-MM-DD, e.g. 2026-12-01'),
		postcode: z.string({ error: 'Give the postcode of the address to clean' }).max(16),
		staff_id: z.uuid({ error: 'Give the cleaner as their id (a UUID)' }).optional(),
		persons: z.coerce
			.number({ error: 'Give the number of persons as a whole number' })
			.int('Give the number of persons as a whole number')
			.min(1)
			.max(50)
			.optional()
	},
	{
		error: (issue) =>
			issue.code === 'unrecognized_keys' ? `Unknown parameter: ${issue.keys.join(', ')}` : undefined
	}
);

/** GET /api/v1/bookings/available-slots/?service_id=&date=&postcode=[&staff_id=][&persons=] */
export async function apiAvailableSlots(url: URL, now: number) {
	const parsed = slotQuery.safeParse(queryObject(url));
	if (!parsed.success) return validationFailed(parsed.error);
	const q = parsed.data;
	const result = await searchSlots(database().db, {
		serviceId: q.service_id,
		date: q.date,
		postcode: q.postcode,
		staffId: q.staff_id,
		persons: q.persons,
		now
	});
	if (result.ok)
		await logSlotSearch(
			database().db,
			{
				serviceId: q.service_id,
				postcode: q.postcode,
				date: q.date,
				source: 'api',
				slotsFound: result.slots.length
			},
			now
		);
	if (!result.ok) {
		const status = result.reason === 'SERVICE_NOT_FOUND' ? 404 : 400;
		// A malformed postcode or too many persons is a validation error like any other bad parameter.
		const code = result.reason === 'INVALID' ? 'VALIDATION_ERROR' : result.reason;
		const details = result.field ? { [result.field]: [result.message] } : {};
		return fail(status, code, result.message, details);
	}
	return ok({
		service_id: q.service_id,
		date: q.date,
		time_zone: result.timeZone,
		slots: result.slots.map((s) => ({
			start_time: toLocalIso(s.start, result.timeZone),
			end_time: toLocalIso(s.end, result.timeZone),
			staff_ids: s.staffIds
		}))
	});
}
