import { Temporal } from 'temporal-polyfill';
import { addDays, isLocalDate, type Interval } from './local-day.ts';

/** The longest time off one request may ask for, in local days. */
export const MAX_TIME_OFF_DAYS = 60;
export const MAX_TIME_OFF_REASON = 500;

/**
 * What a cleaner types: local dates (YYYY-MM-DD) and, optionally, local times (HH:MM). Without a
 * start time the time off starts at the first moment of the start date; without an end time it runs
 * to the end of the end date (the end date is then included). So 3 Aug – 5 Aug, all day, is
 * [3 Aug 00:00, 6 Aug 00:00) in the business's time zone, whatever the clocks do in between.
 */
export type TimeOffInput = {
	startDate: string;
	startTime: string | null;
	endDate: string;
	endTime: string | null;
	reason: string;
};

export type TimeOffField = 'start' | 'end' | 'reason';

/** Another request of the same cleaner, as stored (epoch ms). */
export type ExistingTimeOff = {
	id: string;
	startsAt: number;
	endsAt: number;
	status: string | null;
};

export type TimeOffCheck =
	| { ok: true; startsAt: number; endsAt: number; reason: string }
	| { ok: false; errors: Partial<Record<TimeOffField, string>> };

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Statuses that hold the time: a new request may not overlap these. */
const HOLDING: ReadonlySet<string> = new Set(['requested', 'approved']);

/** A local wall time to an instant; a time the spring gap skips moves forward ('compatible'). */
function instantOf(date: string, time: string | null, timeZone: string): number {
	const day = Temporal.PlainDate.from(date);
	if (time === null) return day.toZonedDateTime({ timeZone }).epochMilliseconds;
	const [h, m] = time.split(':').map(Number);
	return day
		.toPlainDateTime(new Temporal.PlainTime(h, m))
		.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** "3 Aug" for an instant, in the business's time zone. */
export function shortLocalDate(epochMs: number, timeZone: string): string {
	const d = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
	return `${d.day} ${MONTHS[d.month - 1]}`;
}

/**
 * Whether a cleaner may ask for this time off, and the instants it means. Refuses, naming the field:
 * a missing or impossible date or time; a start in the past (an all-day request may start today);
 * an end not after the start; more than MAX_TIME_OFF_DAYS local days (60 days from 09:00 on 1 Mar
 * is 09:00 on 30 Apr, an hour fewer of real time across the spring change); an overlap with another
 * of the cleaner's pending or approved requests (touching ends do not overlap); an empty or over-long
 * reason. Pure: `now` and the time zone come from the caller.
 */
export function checkTimeOffRequest(
	input: TimeOffInput,
	options: { now: number; timeZone: string; mine: readonly ExistingTimeOff[]; ignoreId?: string }
): TimeOffCheck {
	const { now, timeZone } = options;
	const errors: Partial<Record<TimeOffField, string>> = {};
	const reason = input.reason.trim();
	if (!reason) errors.reason = 'Say briefly why, for the office (for example: holiday, dentist).';
	else if (reason.length > MAX_TIME_OFF_REASON)
		errors.reason = `Keep the reason under ${MAX_TIME_OFF_REASON} characters.`;

	if (!isLocalDate(input.startDate)) errors.start = 'Choose the first day off.';
	else if (input.startTime !== null && !TIME.test(input.startTime))
		errors.start = 'Enter the start time as HH:MM, for example 09:00, or leave it empty.';
	if (!isLocalDate(input.endDate)) errors.end = 'Choose the last day off.';
	else if (input.endTime !== null && !TIME.test(input.endTime))
		errors.end = 'Enter the end time as HH:MM, for example 17:00, or leave it empty.';
	if (errors.start || errors.end) return { ok: false, errors };

	const startsAt = instantOf(input.startDate, input.startTime, timeZone);
	const endsAt =
		input.endTime === null
			? instantOf(addDays(input.endDate, 1), null, timeZone)
			: instantOf(input.endDate, input.endTime, timeZone);

	const today = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(timeZone);
	if (Temporal.PlainDate.compare(input.startDate, today.toPlainDate()) < 0)
		errors.start = 'That day has passed: choose today or a later day.';
	else if (input.startTime !== null && startsAt < now)
		errors.start = 'That time has passed: choose a later time, or leave the time empty.';

	const limit = Temporal.Instant.fromEpochMilliseconds(startsAt)
		.toZonedDateTimeISO(timeZone)
		.add({ days: MAX_TIME_OFF_DAYS }).epochMilliseconds;
	if (endsAt <= startsAt) errors.end = 'The end must be after the start.';
	else if (endsAt > limit)
		errors.end = `At most ${MAX_TIME_OFF_DAYS} days in one request: split a longer break into two.`;

	if (!errors.start && !errors.end) {
		const clash = options.mine.find(
			(t) =>
				t.id !== options.ignoreId &&
				HOLDING.has(t.status ?? '') &&
				t.startsAt < endsAt &&
				startsAt < t.endsAt
		);
		if (clash) {
			const what = clash.status === 'approved' ? 'approved time off' : 'pending request';
			const from = shortLocalDate(clash.startsAt, timeZone);
			const to = shortLocalDate(clash.endsAt - 1, timeZone);
			errors.start = `This overlaps your ${what} (${from === to ? from : `${from} – ${to}`}).`;
		}
	}
	if (errors.start || errors.end || errors.reason) return { ok: false, errors };
	return { ok: true, startsAt, endsAt, reason };
}

/** A booked job, for the clash check (epoch ms). */
export type BookedJob = { id: string; startTime: number; endTime: number; status: string };

const NOT_HOLDING_JOB: ReadonlySet<string> = new Set(['cancelled', 'expired']);

/**
 * The jobs that fall (even in part) inside a time off, earliest first: those the office must move
 * or hand over if it approves. Cancelled and expired bookings no longer hold the cleaner.
 */
export function clashingJobs<J extends BookedJob>(timeOff: Interval, jobs: readonly J[]): J[] {
	return jobs
		.filter(
			(j) =>
				!NOT_HOLDING_JOB.has(j.status) && j.startTime < timeOff.end && timeOff.start < j.endTime
		)
		.sort((a, b) => a.startTime - b.startTime);
}
