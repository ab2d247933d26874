import { mergeIntervals, subtractIntervals } from './intervals.ts';
import type { Interval } from './local-day.ts';

const MINUTE = 60_000;

/** One cleaner's day, as the slot search needs it. */
export type StaffDay = {
	staffId: string;
	/** When they work that day (breaks already taken out), e.g. from workingIntervals(). */
	working: readonly Interval[];
	/** When they are not free: other bookings' padded spans, approved time off, calendar events. */
	busy: readonly Interval[];
	/** This service's length for this cleaner (their override, or the service's). */
	durationMinutes: number;
};

export type SlotQuery = {
	/** The local day searched (localDayBounds); slot starts sit on its step grid. */
	day: Interval;
	staff: readonly StaffDay[];
	paddingBeforeMinutes: number;
	paddingAfterMinutes: number;
	stepMinutes: number;
	/** Starts allowed from `earliest` to `latest` inclusive (minimum notice, booking horizon). */
	window: { earliest: number; latest: number };
};

/**
 * A bookable start, and which cleaners could take it (in the order given). Cleaners whose override
 * makes the job longer or shorter get a slot of their own with the same start.
 */
export type Slot = { start: number; end: number; staffIds: string[] };

/**
 * The free slots of a day: working hours minus busy time, then every start on the step grid whose
 * padded span fits in what is left. Padding counts as busy and must fall within working hours.
 * Example: works 08:00–12:00, a job 10:00–11:00 with 15 min padding after it (busy 10:00–11:15),
 * a 60 min service with 15 min padding after, 30 min steps → 08:00, 08:30 (ends 09:30, padded to
 * 09:45), then 11:30 is too late for a 12:00 finish with padding, so it is not offered.
 *
 * Steps are counted from the local day's start, so on the clock-change days they still fall on
 * :00 and :30 of the local clock (the change is a whole hour).
 */
export function findSlots(query: SlotQuery): Slot[] {
	const step = query.stepMinutes * MINUTE;
	const before = query.paddingBeforeMinutes * MINUTE;
	const after = query.paddingAfterMinutes * MINUTE;
	const from = Math.max(query.day.start, query.window.earliest);
	const to = Math.min(query.day.end - 1, query.window.latest);
	const slots = new Map<string, Slot>();
	for (const member of query.staff) {
		const length = member.durationMinutes * MINUTE;
		const free = member.busy.length
			? subtractIntervals(member.working, member.busy)
			: mergeIntervals(member.working);
		for (const gap of free) {
			// The first grid start whose padded span begins inside this gap and not before `from`.
			const lowest = Math.max(gap.start + before, from);
			let start = query.day.start + Math.ceil((lowest - query.day.start) / step) * step;
			for (; start <= to && start + length + after <= gap.end; start += step) {
				const key = `${start}+${length}`;
				const slot = slots.get(key);
				if (slot) slot.staffIds.push(member.staffId);
				else slots.set(key, { start, end: start + length, staffIds: [member.staffId] });
			}
		}
	}
	return [...slots.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}
