import { Temporal } from 'temporal-polyfill';
import { mergeIntervals, subtractIntervals } from './intervals.ts';
import { dayNumber, localDayBounds, type Interval } from './local-day.ts';

const DAY_MS = 86_400_000;

/** One stretch of a cleaner's week: 0 = Monday … 6 = Sunday, minutes after local midnight. */
export type WeeklyHours = {
	dayOfWeek: number;
	startMinute: number;
	endMinute: number;
	breaks: readonly { start: number; end: number }[];
};

/**
 * A converter from "minutes after local midnight on `date`" to epoch ms. Most days are 24 hours
 * long and convert by addition (the time-zone maths runs twice per day, not per slot); on the two
 * clock-change days each minute goes through Temporal. A wall time the spring gap skips (01:30 on
 * 2026-03-29 in London) moves forward by the gap's length, Temporal's 'compatible' rule; a repeated
 * one (01:30 on 2026-10-25) is the first of the two.
 */
export function localClock(date: string, timeZone: string): (minute: number) => number {
	// The day's first moment and the next day's, as localDayBounds keeps them.
	const { start: midnight, end: nextMidnight } = localDayBounds(date, timeZone);
	if (nextMidnight - midnight === DAY_MS) return (minute) => midnight + minute * 60_000;
	const day = Temporal.PlainDate.from(date);
	return (minute) => {
		if (minute >= 1440) return nextMidnight + (minute - 1440) * 60_000;
		const time = new Temporal.PlainTime(Math.floor(minute / 60), minute % 60);
		return day.toPlainDateTime(time).toZonedDateTime(timeZone, { disambiguation: 'compatible' })
			.epochMilliseconds;
	};
}

/** Monday = 0 … Sunday = 6, the numbering of `staff_schedules.day_of_week`. */
export function weekdayIndex(date: string): number {
	// 1970-01-01 (day 0) was a Thursday, 3.
	return (((dayNumber(date) + 3) % 7) + 7) % 7;
}

/** The instants a cleaner works on `date`: their stretches for that weekday, breaks taken out. */
export function workingIntervals(
	date: string,
	timeZone: string,
	week: readonly WeeklyHours[],
	clock = localClock(date, timeZone)
): Interval[] {
	const weekday = weekdayIndex(date);
	const stretches: Interval[] = [];
	const breaks: Interval[] = [];
	for (const row of week) {
		if (row.dayOfWeek !== weekday) continue;
		stretches.push({ start: clock(row.startMinute), end: clock(row.endMinute) });
		for (const b of row.breaks) breaks.push({ start: clock(b.start), end: clock(b.end) });
	}
	return breaks.length ? subtractIntervals(stretches, breaks) : mergeIntervals(stretches);
}
