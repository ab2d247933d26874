// How messages write dates, times, money and names: en-GB, in the business's time zone (Europe/London,
// so 09:00 stays 09:00 across the clock change), pounds with pence. Pure: the zone is an argument.

type Parts = Record<'weekday' | 'day' | 'month' | 'year' | 'hour' | 'minute', string>;

const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(epochMs: number, timeZone: string, style: 'long' | 'short'): Parts {
	const cacheKey = `${timeZone}|${style}`;
	let format = formatters.get(cacheKey);
	if (!format) {
		format = new Intl.DateTimeFormat('en-GB', {
			timeZone,
			weekday: style,
			day: 'numeric',
			month: style,
			year: 'numeric',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		});
		formatters.set(cacheKey, format);
	}
	const found = Object.fromEntries(
		format.formatToParts(epochMs).map((part) => [part.type, part.value])
	);
	return found as Parts;
}

/** "Tuesday 3 June 2025" (Intl's en-GB adds a comma after the weekday; letters do not). */
export function longDate(epochMs: number, timeZone: string) {
	const p = parts(epochMs, timeZone, 'long');
	return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** "Tue 3 Jun", for texts. */
export function shortDate(epochMs: number, timeZone: string) {
	const p = parts(epochMs, timeZone, 'short');
	return `${p.weekday} ${p.day} ${p.month}`;
}

/** "09:00" */
export function clock(epochMs: number, timeZone: string) {
	const p = parts(epochMs, timeZone, 'short');
	return `${p.hour}:${p.minute}`;
}

/** "Tuesday 3 June 2025, 09:00–11:00" */
export function longSpan(span: { start: number; end: number }, timeZone: string) {
	return `${longDate(span.start, timeZone)}, ${clock(span.start, timeZone)}–${clock(span.end, timeZone)}`;
}

/**
 * "Tue 3 Jun, 09:00-11:00" for texts: a plain hyphen, because an en dash is outside the GSM
 * alphabet and would halve the characters a text may hold.
 */
export function shortSpan(span: { start: number; end: number }, timeZone: string) {
	return `${shortDate(span.start, timeZone)}, ${clock(span.start, timeZone)}-${clock(span.end, timeZone)}`;
}

/** 5400 pence → "£54.00". */
export function money(pence: number, currency: string) {
	return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(pence / 100);
}

/** "Priya" from "Priya Shah"; the name as given when it is one word. */
export function firstName(name: string) {
	return name.trim().split(/\s+/)[0] || name.trim();
}
