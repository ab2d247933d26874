import { Temporal } from 'temporal-polyfill';
import { addDays, localDate, localDayBounds } from './local-day.ts';

/**
 * The office's booking rules (one row of the settings table). Minutes and days, never milliseconds,
 * so the office edits what it reads.
 */
export type BookingSettings = {
	timeZone: string;
	/** How long before a clean it can still be booked, e.g. 1440 = a day's notice. */
	minNoticeMinutes: number;
	/** How many local days ahead the calendar opens (today + horizonDays is the last bookable day). */
	horizonDays: number;
	/** Distance between offered start times. */
	slotStepMinutes: number;
	/** How long before the start a customer can no longer cancel or reschedule. */
	cancellationCutoffMinutes: number;
	/** How long an unpaid `pending` booking holds its slot before it expires. */
	holdMinutes: number;
};

/** The booking rules out of the settings row (the server's or the device's copy of it). */
export function bookingSettingsOf(row: BookingSettings): BookingSettings {
	return {
		timeZone: row.timeZone,
		minNoticeMinutes: row.minNoticeMinutes,
		horizonDays: row.horizonDays,
		slotStepMinutes: row.slotStepMinutes,
		cancellationCutoffMinutes: row.cancellationCutoffMinutes,
		holdMinutes: row.holdMinutes
	};
}

export const DEFAULT_BOOKING_SETTINGS: BookingSettings = {
	timeZone: 'Europe/London',
	minNoticeMinutes: 1440,
	horizonDays: 60,
	slotStepMinutes: 30,
	cancellationCutoffMinutes: 1440,
	holdMinutes: 15
};

const MINUTE = 60_000;

/** Statuses a customer may still cancel or reschedule (before the cut-off). */
const CHANGEABLE_STATUSES: ReadonlySet<string> = new Set(['pending', 'confirmed']);

const NOT_CHANGEABLE_MESSAGES: Record<string, string> = {
	cancelled: 'This booking has been cancelled, so it can no longer be changed.',
	expired: 'This booking expired before it was confirmed, so it can no longer be changed.',
	completed: 'This clean has already been done, so it can no longer be changed.',
	no_show:
		'This clean was marked as missed, so it can no longer be changed. Please call the office.'
};

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];

/**
 * The span in which a customer may start a new booking at instant `now`: from `now` plus the notice
 * to the end of the local day `horizonDays` after today. `latest` is exclusive (the first instant of
 * the following day), like every interval here. Day lengths follow the clocks: with the defaults and
 * now = 2026-03-01 12:00 GMT the last day is 2026-04-30 and `latest` is 2026-04-30T23:00Z (midnight
 * BST), not 2026-05-01T00:00Z.
 */
export function bookableWindow(
	now: number,
	settings: BookingSettings
): { earliest: number; latest: number } {
	const lastDay = addDays(localDate(now, settings.timeZone), settings.horizonDays);
	return {
		earliest: now + settings.minNoticeMinutes * MINUTE,
		latest: localDayBounds(lastDay, settings.timeZone).end
	};
}

/**
 * Whether a customer may cancel or reschedule their booking at `now`: only `pending` or `confirmed`
 * bookings, and only while now < start − cut-off (at exactly the cut-off it is closed). The cut-off is
 * elapsed time, so across a clock change the wall-clock time moves: a 10:00 BST clean on Sunday
 * 29 March 2026 closes at 09:00 GMT on Saturday 28 March, 24 real hours earlier (and a 10:00 GMT
 * clean on Sunday 25 October closes at 11:00 BST on the Saturday).
 *
 * Office staff are not bound by this rule: their mutators do not call it (they may change a booking
 * up to and after its start); it guards the customer's portal and the customer's REST calls only.
 */
export function canCustomerChange(
	now: number,
	appointmentStart: number,
	status: string,
	settings: BookingSettings
): { ok: true } | { ok: false; reason: 'CUTOFF_PASSED' | 'NOT_CHANGEABLE'; message: string } {
	if (!CHANGEABLE_STATUSES.has(status)) {
		return {
			ok: false,
			reason: 'NOT_CHANGEABLE',
			message:
				NOT_CHANGEABLE_MESSAGES[status] ??
				'This booking can no longer be changed online. Please call the office.'
		};
	}
	const cutoffMinutes = settings.cancellationCutoffMinutes;
	const closesAt = appointmentStart - cutoffMinutes * MINUTE;
	if (now < closesAt) return { ok: true };
	const when = formatLongDateTime(closesAt, settings.timeZone);
	const rule =
		cutoffMinutes > 0
			? `Changes close ${formatDuration(cutoffMinutes)} before the clean (after ${when}).`
			: `Changes close when the clean starts (at ${when}).`;
	return { ok: false, reason: 'CUTOFF_PASSED', message: `${rule} Please call the office.` };
}

const EXPECTED_FORMAT =
	'Expected a date and time with a UTC offset, e.g. 2026-03-29T10:00:00+01:00 or 2026-03-29T09:00:00Z.';

// Extended ISO 8601 / RFC 3339 only: date, 'T', hh:mm[:ss[.fraction]], then 'Z' or ±hh:mm.
const OFFSET_DATE_TIME =
	/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/i;

/**
 * Reads an instant sent by a client. Only an unambiguous instant is accepted: a time without an
 * offset would have to guess a zone (and 01:30 on 25 October 2026 happens twice in London). Temporal
 * alone would also take basic-format, space-separated and leap-second strings; the pattern keeps
 * the API to one documented form. Fractions below a millisecond are dropped.
 */
export function parseOffsetDateTime(
	value: string
): { ok: true; epochMs: number } | { ok: false; reason: 'INVALID_TIME'; message: string } {
	if (typeof value !== 'string' || !OFFSET_DATE_TIME.test(value)) {
		const problem =
			typeof value === 'string' && LOCAL_DATE_TIME.test(value)
				? `"${value}" has no UTC offset.`
				: 'This is not a date and time.';
		return { ok: false, reason: 'INVALID_TIME', message: `${problem} ${EXPECTED_FORMAT}` };
	}
	try {
		return { ok: true, epochMs: Temporal.Instant.from(value).epochMilliseconds };
	} catch {
		// Well-formed but impossible, e.g. 30 February, hour 25 or offset +25:00.
		return {
			ok: false,
			reason: 'INVALID_TIME',
			message: `"${value}" is not a real date and time. ${EXPECTED_FORMAT}`
		};
	}
}

/**
 * ISO 8601 with the local offset, whole seconds (milliseconds are dropped, not rounded). The offset
 * tells the two 01:30s of 25 October 2026 apart: 2026-10-25T01:30:00+01:00, then
 * 2026-10-25T01:30:00+00:00 an hour later. Throws RangeError for an unknown time zone (a settings bug).
 */
export function toLocalIso(epochMs: number, timeZone: string): string {
	return Temporal.Instant.fromEpochMilliseconds(epochMs)
		.toZonedDateTimeISO(timeZone)
		.toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

/**
 * "10:00 on Tuesday 3 March 2026" in `timeZone`. Built from Temporal's fields rather than
 * Intl.DateTimeFormat, whose en-GB output differs between ICU versions (commas, "Sept"), so the
 * device and the server word a refusal identically.
 */
function formatLongDateTime(epochMs: number, timeZone: string): string {
	const t = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
	const time = `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
	return `${time} on ${WEEKDAYS[t.dayOfWeek - 1]} ${t.day} ${MONTHS[t.month - 1]} ${t.year}`;
}

/** 1440 → "24 hours", 60 → "1 hour", 90 → "90 minutes". */
function formatDuration(minutes: number): string {
	if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
	return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
