import { z } from 'zod';
import { addDays, isLocalDate } from '../../sync/domain/local-day.ts';
import { fail, ok } from '../api/envelope.ts';
import { queryObject, validationFailed } from '../api/validation.ts';
import { database } from '../db/client.ts';
import { inArray } from 'drizzle-orm';
import { staffSchedules } from '../../drizzle/schema.ts';
import { localDayBounds } from '../../sync/domain/local-day.ts';
import { coveringStaff } from '../../sync/domain/service-area.ts';
import { ukCentroids } from '../../sync/domain/uk-outcodes.ts';
import { readOffering, slotsFrom } from './availability.ts';
import { busySpans } from './busy-spans.ts';

// The booking page works out free slots on the device from Zero's synced hours and busy spans,
// but it cannot see postcodes (they are personal), so it cannot apply the travel rule. This says,
// for a run of days, which starts each cleaner can reach in time from the server's data; the page
// shows only the device's slots that are in it, and asks again whenever Zero's busy spans change.
// Nothing here is personal: starts and cleaner ids, as the public slot list already gives.

const MAX_DAYS = 31;

const query = z.strictObject({
	service_id: z.uuid({ error: 'Give the service as its id (a UUID)' }),
	postcode: z.string({ error: 'Give the postcode of the address to clean' }).max(16),
	from: z
		.string({ error: 'Give the first date as YYYY-MM-DD' })
		.refine(isLocalDate, 'Give a real date as YYYY-MM-DD'),
	days: z.coerce.number().int().min(1).max(MAX_DAYS),
	staff_id: z.uuid().optional(),
	/**
	 * A booking being moved: its own time is not busy. Harmless to anyone else's booking: it only
	 * shows slots as if that booking were not there, nothing about it.
	 */
	exclude: z.uuid().optional()
});

/**
 * GET /api/reachable-slots?service_id=&postcode=&from=&days=[&staff_id=][&exclude=]
 * → { data: { reachable: { [date]: { [staffId]: startEpochMs[] } } } }
 */
export async function apiReachableSlots(url: URL, now: number) {
	const parsed = query.safeParse(queryObject(url));
	if (!parsed.success) return validationFailed(parsed.error);
	const q = parsed.data;
	const { db } = database();
	const read = await readOffering(db, { serviceId: q.service_id, staffId: q.staff_id });
	const dates = Array.from({ length: q.days }, (_, i) => addDays(q.from, i));
	// The covering cleaners' hours and busy time for all the days in one round trip; each day is
	// then pure computation.
	const covering = coveringStaff(read.offering, q.postcode, ukCentroids());
	const ids = covering.ok ? covering.staffIds : [];
	const timeZone = read.settings.timeZone;
	const span = {
		start: localDayBounds(dates[0], timeZone).start,
		end: localDayBounds(dates[dates.length - 1], timeZone).end
	};
	const [schedules, busy] = ids.length
		? await Promise.all([
				db.select().from(staffSchedules).where(inArray(staffSchedules.staffId, ids)),
				busySpans(db, ids, span, q.exclude)
			])
		: [[], []];
	const found = await Promise.all(
		dates.map((date) =>
			slotsFrom(
				db,
				read,
				{
					serviceId: q.service_id,
					date,
					postcode: q.postcode,
					staffId: q.staff_id,
					now,
					settings: read.settings,
					excludeAppointmentId: q.exclude
				},
				{ schedules, busy, span }
			)
		)
	);
	const reachable: Record<string, Record<string, number[]>> = {};
	for (const [i, result] of found.entries()) {
		if (!result.ok) {
			const status = result.reason === 'SERVICE_NOT_FOUND' ? 404 : 400;
			const code = result.reason === 'INVALID' ? 'VALIDATION_ERROR' : result.reason;
			return fail(
				status,
				code,
				result.message,
				result.field ? { [result.field]: [result.message] } : {}
			);
		}
		const day: Record<string, number[]> = {};
		for (const slot of result.slots)
			for (const id of slot.staffIds) (day[id] ??= []).push(slot.start);
		reachable[dates[i]] = day;
	}
	return ok({ reachable });
}
