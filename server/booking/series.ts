import { toLocalIso } from '../../sync/domain/booking-policy.ts';
import { localDate } from '../../sync/domain/local-day.ts';
import {
	checkOccurrences,
	occurrences,
	type OccurrencesCheck
} from '../../sync/domain/recurrence.ts';
import type { CreateBookingArgs } from '../../sync/mutators/bookings.ts';
import type { Tx } from '../db/client.ts';
import { searchSlots } from './availability.ts';
import { refuse } from './errors.ts';
import type { BusinessSettings } from './settings.ts';

/** The starts of the booking: one, or every occurrence of a recurring clean (same local time). */
export function seriesOf(
	args: CreateBookingArgs,
	timeZone: string
): { start: number; date: string; iso: string }[] {
	if (!args.recurrence) {
		return [{ start: args.startTime, date: localDate(args.startTime, timeZone), iso: '' }];
	}
	const result = occurrences({
		firstStart: toLocalIso(args.startTime, timeZone),
		timeZone,
		frequency: args.recurrence.frequency,
		count: args.recurrence.count
	});
	if (!result.ok) refuse(result.reason, result.message, 'recurrence');
	return result.occurrences;
}

/** Whether `staffId` is free at each later occurrence, by the same slot search as the first. */
export async function checkSeries(
	tx: Tx,
	later: { start: number; date: string; iso: string }[],
	staffId: string,
	postcode: string,
	args: CreateBookingArgs,
	now: number,
	settings: BusinessSettings
): Promise<OccurrencesCheck> {
	const free = new Set<number>();
	for (const occurrence of later) {
		const found = await searchSlots(tx, {
			serviceId: args.serviceId,
			date: occurrence.date,
			postcode,
			staffId,
			now,
			settings,
			at: occurrence.start
		});
		if (found.ok && found.slots.some((s) => s.start === occurrence.start))
			free.add(occurrence.start);
	}
	return checkOccurrences(later, (o) => free.has(o.start));
}
