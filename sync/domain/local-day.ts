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

// Calendar dates on their own need no time zone: plain date arithmetic on days since 1970-01-01,
// much cheaper than the polyfill's parsing (a booking asks for a few dozen).

/**
 * Days since 1970-01-01 of a real YYYY-MM-DD date, or NaN (2026-02-30, 2026-2-1, anything else).
 * setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.
 */
function dayNumberOf(date: string): number {
	const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (!parts) return NaN;
	const day = new Date(0);
	day.setUTCFullYear(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]));
	// The Date rolls an impossible day over (02-30 becomes 03-02): only a real one comes back as given.
	return dateOfDayNumber(day.getTime() / DAY_MS) === date ? day.getTime() / DAY_MS : NaN;
}

const dateOfDayNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Days since 1970-01-01 of a YYYY-MM-DD date; a RangeError, as Temporal gives, if it is not one. */
export function dayNumber(date: string): number {
	const n = dayNumberOf(date);
	if (Number.isNaN(n)) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
	return n;
}

/** The date `days` after (or before, if negative) a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
	return dateOfDayNumber(dayNumber(date) + days);
}

/** Whether `value` is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isLocalDate(value: string): boolean {
	return !Number.isNaN(dayNumberOf(value));
}
