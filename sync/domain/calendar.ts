import { Temporal } from 'temporal-polyfill';
import type { JobStatus } from './field-state.ts';
import { localDayBounds } from './local-day.ts';

// The office's resource calendar: where a booking sits (minutes into its local day), what a drop
// means (a new start and cleaner), and the one status the office sees for a booking.

/** A booking's own status, as stored (see appointments.status). */
type BookingStatus = 'pending' | 'confirmed' | 'completed' | 'cancelled' | 'expired' | 'no_show';

/** What the calendar shows for a booking: its commercial status, overtaken by the field's news. */
export type CalendarStatus =
	| 'pending'
	| 'confirmed'
	| 'on_the_way'
	| 'in_progress'
	| 'done'
	| 'problem'
	| 'cancelled'
	| 'no_show';

export const CALENDAR_STATUS_LABEL: Record<CalendarStatus, string> = {
	pending: 'Pending',
	confirmed: 'Confirmed',
	on_the_way: 'On the way',
	in_progress: 'In progress',
	done: 'Done',
	problem: 'Problem',
	cancelled: 'Cancelled',
	no_show: 'No show'
};

/**
 * A cancelled or no-show booking stays so whatever the phone says; otherwise a reported problem
 * wins, then the cleaner's progress, then the booking's own status. Expired holds are not shown.
 */
export function calendarStatus(
	status: BookingStatus,
	field: JobStatus | null
): CalendarStatus | null {
	if (status === 'expired') return null;
	if (status === 'cancelled' || status === 'no_show') return status;
	if (field && field !== 'scheduled') return field;
	if (status === 'completed') return 'done';
	return status;
}

/** Wall-clock minutes since local midnight (09:30 is 570, on DST days too). */
export function minutesIntoDay(at: number, timeZone: string): number {
	const t = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(timeZone);
	return t.hour * 60 + t.minute;
}

/**
 * Places instants on a run of local days: the day each falls on and its wall-clock minute. Made
 * once per view, it answers a week of bookings without a time-zone lookup per booking: only on
 * the days the clocks change (23 or 25 hours long) does it ask the zone.
 */
export function dayPlacer(dates: string[], timeZone: string) {
	const days = dates.map((date) => ({ date, ...localDayBounds(date, timeZone) }));
	return (at: number): { date: string; minute: number } | null => {
		const day = days.find((d) => at >= d.start && at < d.end);
		if (!day) return null;
		const minute =
			day.end - day.start === 86_400_000
				? Math.floor((at - day.start) / 60_000)
				: minutesIntoDay(at, timeZone);
		return { date: day.date, minute };
	};
}

/**
 * The instant of a wall-clock time on a local date. A time the clocks skip (01:30 on the March
 * Sunday) moves forward; a repeated one (01:30 in October) means its first occurrence.
 */
export function instantAt(date: string, minutes: number, timeZone: string): number {
	return Temporal.PlainDate.from(date)
		.toPlainDateTime({ hour: Math.floor(minutes / 60), minute: minutes % 60 })
		.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** The nearest multiple of `step` minutes, kept inside [0, 24 h). */
export function snapMinutes(minutes: number, step: number): number {
	const snapped = Math.round(minutes / step) * step;
	return Math.min(Math.max(snapped, 0), 24 * 60 - step);
}

export type Move = { startTime: number; staffId?: string };

/**
 * What dropping a booking on (cleaner, date, minutes) asks for, or null when it lands where it
 * was. `minutes` is omitted in the week view, where a booking keeps its time of day.
 */
export function dropMove(
	booking: { startTime: number; staffId: string },
	target: { staffId: string; date: string; minutes?: number },
	timeZone: string
): Move | null {
	const minutes = target.minutes ?? minutesIntoDay(booking.startTime, timeZone);
	const startTime = instantAt(target.date, minutes, timeZone);
	const staffChanged = target.staffId !== booking.staffId;
	if (startTime === booking.startTime && !staffChanged) return null;
	return staffChanged ? { startTime, staffId: target.staffId } : { startTime };
}
