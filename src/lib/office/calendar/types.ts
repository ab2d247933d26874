import type { CalendarStatus } from '$sync/domain/calendar.ts';

/** A booking as the resource calendar draws it. */
export type CalendarBooking = {
	id: string;
	staffId: string;
	startTime: number;
	endTime: number;
	/** The local day it starts on and the wall-clock minute it starts at, worked out once. */
	date: string;
	minute: number;
	/** Its span with the service's padding, which travel is counted from and to. */
	busyFrom: number;
	busyUntil: number;
	status: CalendarStatus;
	/** "09:00–11:00", formatted once per row rather than on every draw. */
	hours: string;
	/** The service's colour (#rrggbb). */
	color: string;
	service: string;
	customer: string;
	postcode: string;
};

export type CalendarCleaner = { id: string; name: string };

/** Where a booking was dropped: a cleaner's column (or row) on a day, at a time in the day view. */
export type DropTarget = { staffId: string; date: string; minutes?: number };

/** The trip into a booking from the one before it that day (sync/domain/calendar-travel.ts). */
export type { TravelLeg } from '$sync/domain/calendar-travel.ts';
