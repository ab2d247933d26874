import { Temporal } from 'temporal-polyfill';
import { parseOffsetDateTime, toLocalIso } from './booking-policy.ts';

export type RecurringFrequency = 'weekly' | 'fortnightly' | 'four_weekly';

export type RecurrenceInput = {
	/** The first clean's start, ISO 8601 with an offset, e.g. '2026-03-22T10:00:00+00:00'. */
	firstStart: string;
	timeZone: string;
	frequency: RecurringFrequency;
	/** How many cleans in the series, the first included: 1..MAX_OCCURRENCES. */
	count: number;
};

/** One clean of a series: its instant, the same instant with the local offset, and the local date. */
export type Occurrence = { start: number; iso: string; date: string };

export type OccurrencesResult =
	| { ok: true; occurrences: Occurrence[] }
	| { ok: false; reason: 'INVALID_RECURRENCE'; message: string };

export type OccurrencesCheck =
	| { ok: true }
	| {
			ok: false;
			reason: 'OCCURRENCES_UNAVAILABLE';
			unavailable: { date: string; iso: string }[];
			message: string;
	  };

/** A year of weekly cleans. */
export const MAX_OCCURRENCES = 52;

export const WEEKS_BETWEEN: Readonly<Record<RecurringFrequency, number>> = {
	weekly: 1,
	fortnightly: 2,
	four_weekly: 4
};

const SHORT_MONTHS = [
	'Jan',
	'Feb',
	'Mar',
	'Apr',
	'May',
	'Jun',
	'Jul',
	'Aug',
	'Sep',
	'Oct',
	'Nov',
	'Dec'
];

/**
 * The start of every clean in a series, keeping the first clean's LOCAL wall-clock time: a series
 * starting 10:00 GMT on 22 March 2026 continues 10:00 BST on 29 March (09:00Z), not 11:00 BST.
 *
 * Each occurrence is first + n × step weeks in Temporal.ZonedDateTime, computed from the first one
 * (never from the previous one), with 'compatible' disambiguation:
 * - a wall-clock time that does not exist that day (the spring-forward gap) moves forward by the
 *   gap: 01:30 on 29 March 2026 becomes 02:30 BST; the next week is back at 01:30;
 * - a time that happens twice (fall-back) takes the earlier: 01:30 on 25 October 2026 is 01:30 BST
 *   (+01:00).
 */
export function occurrences(input: RecurrenceInput): OccurrencesResult {
	const { firstStart, timeZone, frequency, count } = input;
	if (!Number.isInteger(count) || count < 1 || count > MAX_OCCURRENCES) {
		return invalid(`The number of cleans must be a whole number from 1 to ${MAX_OCCURRENCES}.`);
	}
	const step = Object.hasOwn(WEEKS_BETWEEN, frequency) ? WEEKS_BETWEEN[frequency] : undefined;
	if (step === undefined) {
		return invalid('The frequency must be weekly, fortnightly or four-weekly.');
	}
	const parsed = parseOffsetDateTime(firstStart);
	if (!parsed.ok) return invalid(`The first start time is not valid. ${parsed.message}`);
	let first: Temporal.ZonedDateTime;
	try {
		first = Temporal.Instant.fromEpochMilliseconds(parsed.epochMs).toZonedDateTimeISO(timeZone);
	} catch {
		return invalid(`"${String(timeZone)}" is not a known time zone.`);
	}
	const result: Occurrence[] = [];
	for (let n = 0; n < count; n++) {
		const local = first.add({ weeks: n * step }); // 'compatible' is Temporal's default
		result.push({
			start: local.epochMilliseconds,
			iso: toLocalIso(local.epochMilliseconds, timeZone),
			date: local.toPlainDate().toString()
		});
	}
	return { ok: true, occurrences: result };
}

/**
 * All-or-nothing check of a series: ok only if every occurrence is available. Otherwise it lists each
 * unavailable one, in the given order, so the customer can pick another start or frequency, e.g.
 * "These dates are not available: 5 Apr 2026, 19 Apr 2026". Dates are the occurrences' own local
 * dates, so they read in the time zone the series was computed in.
 */
export function checkOccurrences<T extends { date: string; iso: string }>(
	list: readonly T[],
	isAvailable: (occurrence: T) => boolean
): OccurrencesCheck {
	const unavailable = list
		.filter((occurrence) => !isAvailable(occurrence))
		.map(({ date, iso }) => ({ date, iso }));
	if (unavailable.length === 0) return { ok: true };
	const dates = unavailable.map(({ date }) => formatShortDate(date)).join(', ');
	const lead = unavailable.length === 1 ? 'This date is' : 'These dates are';
	return {
		ok: false,
		reason: 'OCCURRENCES_UNAVAILABLE',
		unavailable,
		message: `${lead} not available: ${dates}`
	};
}

/**
 * "5 Apr 2026" from '2026-04-05'. Fixed English month names rather than Intl.DateTimeFormat('en-GB'),
 * which writes "Sept" on newer ICU data and "Sep" on older, so device and server would disagree.
 */
function formatShortDate(date: string): string {
	const d = Temporal.PlainDate.from(date);
	return `${d.day} ${SHORT_MONTHS[d.month - 1]} ${d.year}`;
}

function invalid(message: string): OccurrencesResult {
	return { ok: false, reason: 'INVALID_RECURRENCE', message };
}
