// Wall-clock maths in Europe/London. Each local date + minute is converted to an instant on its own,
// so a day that crosses a clock change (the last Sunday of March or October) is still right:
// e.g. on 2026-10-25 the clocks go back at 02:00, and 10:00 local is 10:00Z, while on 2026-10-24
// 10:00 local is 09:00Z.
import { Temporal } from 'temporal-polyfill';

export const TIME_ZONE = 'Europe/London';
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

export function localDate(instant: Date): Temporal.PlainDate {
	return Temporal.Instant.fromEpochMilliseconds(instant.getTime())
		.toZonedDateTimeISO(TIME_ZONE)
		.toPlainDate();
}

/** The instant of `minute` minutes after local midnight on `date` (1440 = the next midnight). */
export function localInstant(date: Temporal.PlainDate, minute: number): Date {
	const day = minute >= 1440 ? date.add({ days: Math.floor(minute / 1440) }) : date;
	const m = minute % 1440;
	const plainTime = new Temporal.PlainTime(Math.floor(m / 60), m % 60);
	return new Date(day.toZonedDateTime({ timeZone: TIME_ZONE, plainTime }).epochMilliseconds);
}

/** 0 = Monday … 6 = Sunday, as in `staff_schedules.day_of_week`. */
export function weekday(date: Temporal.PlainDate): number {
	return date.dayOfWeek - 1;
}
