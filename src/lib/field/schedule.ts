import type { QueryRowType } from '@rocicorp/zero';
import { Temporal } from 'temporal-polyfill';
import type { mySchedule, myTimeOff } from '$sync/queries/schedule.ts';

export type WeekRow = QueryRowType<typeof mySchedule>;
export type TimeOffRow = QueryRowType<typeof myTimeOff>;

export const WEEKDAYS = [
	'Monday',
	'Tuesday',
	'Wednesday',
	'Thursday',
	'Friday',
	'Saturday',
	'Sunday'
];

/** The business's time zone, in which the cleaner's schedule and time off are shown and asked for. */
export const FIELD_TIME_ZONE = 'Europe/London';

/** What the cleaner reads for each stored status. */
export const TIME_OFF_STATUS = {
	requested: 'Pending',
	approved: 'Approved',
	rejected: 'Rejected'
} as const;

/** 510 → "08:30". */
export function minutesLabel(minute: number): string {
	const h = Math.floor(minute / 60);
	return `${String(h).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', {
	weekday: 'short',
	day: 'numeric',
	month: 'short',
	// Fed a calendar date at noon UTC, so the device's own zone cannot move it.
	timeZone: 'UTC'
});

/** "Mon 10 Aug" for an instant, in the business's time zone. */
export function dayLabel(epochMs: number, timeZone: string): string {
	const d = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
	return dayFormat.format(new Date(Date.UTC(d.year, d.month - 1, d.day, 12)));
}

/**
 * A time off as people say it, in the business's time zone: "Mon 10 Aug – Wed 12 Aug" for whole
 * days (stored up to the next midnight, so the last day shown is the one before the end), "Mon 10 Aug,
 * 14:00–17:30" within a day, and both dates with times otherwise.
 */
export function describeSpan(startsAt: number, endsAt: number, timeZone: string): string {
	const zoned = (ms: number) =>
		Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
	const start = zoned(startsAt);
	const end = zoned(endsAt);
	const day = (d: Temporal.ZonedDateTime) => dayLabel(d.epochMilliseconds, timeZone);
	const time = (d: Temporal.ZonedDateTime) => minutesLabel(d.hour * 60 + d.minute);
	const midnight = (d: Temporal.ZonedDateTime) => d.hour === 0 && d.minute === 0;
	if (midnight(start) && midnight(end)) {
		const last = end.subtract({ days: 1 });
		const same = Temporal.PlainDate.compare(start.toPlainDate(), last.toPlainDate()) === 0;
		return same ? `${day(start)} (whole day)` : `${day(start)} – ${day(last)}`;
	}
	if (Temporal.PlainDate.compare(start.toPlainDate(), end.toPlainDate()) === 0)
		return `${day(start)}, ${time(start)}–${time(end)}`;
	return `${day(start)} ${time(start)} – ${day(end)} ${time(end)}`;
}
