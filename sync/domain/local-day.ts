import { Temporal } from 'temporal-polyfill';

/** A half-open span of time in epoch milliseconds. */
export type Interval = { start: number; end: number };

// Both functions below are asked the same few days over and over (every slot, job and booking of
// a request), and time zone arithmetic is slow in the Temporal polyfill: each day is worked out
// once per time zone and kept. Bounded, so that a long-running server cannot grow them forever.
const KEPT = 10_000;
const DAY_MS = 86_400_000;
const spans = new Map<string, Interval>();
const daysOfUtcDay = new Map<string, { date: string; span: Interval }[]>();

function keep<V>(cache: Map<string, V>, key: string, value: V): V {
	if (cache.size >= KEPT) cache.clear();
	cache.set(key, value);
	return value;
}

/** The calendar date (YYYY-MM-DD) at instant `now` (epoch ms) in `timeZone`. */
export function localDate(now: number, timeZone: string): string {
	const utcDay = Math.floor(now / DAY_MS);
	const key = `${timeZone} ${utcDay}`;
	const days = daysOfUtcDay.get(key) ?? keep(daysOfUtcDay, key, localDaysOf(utcDay, timeZone));
	return days.find(({ span }) => span.start <= now && now < span.end)!.date;
}

/** The local days (two or three) that together cover one UTC day, each with its span. */
function localDaysOf(utcDay: number, timeZone: string) {
	const from = utcDay * DAY_MS;
	let date = Temporal.Instant.fromEpochMilliseconds(from)
		.toZonedDateTimeISO(timeZone)
		.toPlainDate()
		.toString();
	const days = [{ date, span: localDayBounds(date, timeZone) }];
	while (days[days.length - 1].span.end < from + DAY_MS) {
		date = addDays(date, 1);
		days.push({ date, span: localDayBounds(date, timeZone) });
	}
	return days;
}

/**
 * The instants a local calendar day spans, from its first moment to the next day's. A day is 23 or 25
 * hours long when the clocks change: in Europe/London, 2026-03-29 runs 00:00 GMT → 00:00 BST (23 h).
 */
export function localDayBounds(date: string, timeZone: string): Interval {
	const key = `${timeZone} ${date}`;
	const span = spans.get(key) ?? keep(spans, key, dayBounds(date, timeZone));
	return { start: span.start, end: span.end };
}

function dayBounds(date: string, timeZone: string): Interval {
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
