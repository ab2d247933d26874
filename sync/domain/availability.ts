import { bookableWindow, type BookingSettings } from './booking-policy.ts';
import { localDayBounds, type Interval } from './local-day.ts';
import { findSlots, type Slot } from './slots.ts';
import { localClock, workingIntervals, type WeeklyHours } from './working-hours.ts';

export type AvailabilityInput = {
	/** The local date searched, YYYY-MM-DD. */
	date: string;
	now: number;
	settings: BookingSettings;
	service: { durationMinutes: number; paddingBeforeMinutes: number; paddingAfterMinutes: number };
	/** The cleaners who offer the service and cover the postcode, with what keeps them busy. */
	staff: readonly {
		staffId: string;
		durationOverride: number | null;
		week: readonly WeeklyHours[];
		/** Padded spans of their other bookings, approved time off, calendar events: any order. */
		busy: readonly Interval[];
	}[];
};

/**
 * The free slots of one day for one service: each cleaner's working hours that day, minus what
 * keeps them busy, searched on the step grid between minimum notice and the booking horizon.
 * The same function answers the device's live slot list and the server's REST endpoint.
 */
export function availableSlots(input: AvailabilityInput): Slot[] {
	const { date, settings, service } = input;
	const day = localDayBounds(date, settings.timeZone);
	const window = bookableWindow(input.now, settings);
	// `latest` is the first instant after the horizon; findSlots takes an inclusive bound.
	const latest = window.latest - 1;
	if (day.end <= window.earliest || day.start > latest) return [];
	const clock = localClock(date, settings.timeZone);
	return findSlots({
		day,
		staff: input.staff.map((member) => ({
			staffId: member.staffId,
			working: workingIntervals(date, settings.timeZone, member.week, clock),
			busy: member.busy,
			durationMinutes: member.durationOverride ?? service.durationMinutes
		})),
		paddingBeforeMinutes: service.paddingBeforeMinutes,
		paddingAfterMinutes: service.paddingAfterMinutes,
		stepMinutes: settings.slotStepMinutes,
		window: { earliest: window.earliest, latest }
	});
}
