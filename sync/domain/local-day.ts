import { Temporal } from 'temporal-polyfill';

/** A half-open span of time in epoch milliseconds. */
export type Interval = { start: number; end: number };

/** The calendar date (YYYY-MM-DD) at instant `now` (epoch ms) in `timeZone`. */
export function localDate(now: number, timeZone: string): string {
	return Temporal.Instant.fromEpochMilliseconds(now)
		.toZonedDateTimeISO(timeZone)
		.toPlainDate()
		.toString();
}

/**
 * The instants a local calendar day spans, from its first moment to the next day's. A day is 23 or 25
 * hours long when the clocks change: in Europe/London, 2026-03-29 runs 00:00 GMT → 00:00 BST (23 h).
 */
export function localDayBounds(date: string, timeZone: string): Interval {
	const day = Temporal.PlainDate.from(date);
	return {
		start: day.toZonedDateTime({ timeZone }).epochMilliseconds,
		end: day.add({ days: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds
	};
}

/** The date `days` after (or before, if negative) a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
	return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** Whether `value` is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isLocalDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	try {
		Temporal.PlainDate.from(value, { overflow: 'reject' });
		return true;
	} catch {
		return false;
	}
}
