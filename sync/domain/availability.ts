import { bookableWindow, type BookingSettings } from './booking-policy.ts';
import { localDayBounds, type Interval } from './local-day.ts';
import type { Centroids } from './service-area.ts';
import { findSlots, type Slot } from './slots.ts';
import { checkReach, planDay, type DayCommitment, type TravelConflict } from './travel-reach.ts';
import { placeOf, type TravelSettings } from './travel.ts';
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
		/**
		 * Where they are that day, for the travel rule (travel-reach.ts): their home and their
		 * commitments with places (the busy spans again, each with its postcode or null). Only the
		 * server has these (postcodes are personal); without them only overlaps count.
		 */
		travel?: {
			home: string | null;
			commitments: readonly DayCommitment[];
			settings: TravelSettings;
		};
	}[];
	/** The customer's postcode and the centroid list, when any cleaner has `travel`. */
	travelTo?: { postcode: string; centroids: Centroids };
	/**
	 * Keep the slots no cleaner can reach, with why (`unreachable`): the booking uses it to say
	 * TRAVEL_CONFLICT rather than "taken", and the office to override. Lists leave it off.
	 */
	keepUnreachable?: boolean;
	/**
	 * Only the slots that start at this instant (a booking checking the start it asks for): the
	 * same as filtering the whole day's, since each grid start is weighed on its own, for less work.
	 */
	at?: number;
};

/**
 * A slot, and with travel: what each of its cleaners' days would gain (minutes, by staff id) and,
 * with `keepUnreachable`, the cleaners free then but unable to get there in time.
 */
export type AvailableSlot = Slot & {
	addedTravel?: Record<string, number>;
	unreachable?: Record<string, TravelConflict>;
};

/**
 * The free slots of one day for one service: each cleaner's working hours that day, minus what
 * keeps them busy, searched on the step grid between minimum notice and the booking horizon.
 * The same function answers the device's live slot list and the server's REST endpoint. With
 * travel (the server), a cleaner stays on a slot only if they can get there from their previous
 * commitment (or home) and on to their next in time; a slot no cleaner can reach is dropped.
 */
export function availableSlots(input: AvailabilityInput): AvailableSlot[] {
	const { date, settings, service } = input;
	const day = localDayBounds(date, settings.timeZone);
	const window = bookableWindow(input.now, settings);
	// `latest` is the first instant after the horizon; findSlots takes an inclusive bound.
	const earliest = Math.max(window.earliest, input.at ?? -Infinity);
	const latest = Math.min(window.latest - 1, input.at ?? Infinity);
	if (day.end <= earliest || day.start > latest || earliest > latest) return [];
	const clock = localClock(date, settings.timeZone);
	const staff = input.staff.map((member) => ({
		staffId: member.staffId,
		working: workingIntervals(date, settings.timeZone, member.week, clock),
		busy: member.busy,
		durationMinutes: member.durationOverride ?? service.durationMinutes
	}));
	const slots = findSlots({
		day,
		staff,
		paddingBeforeMinutes: service.paddingBeforeMinutes,
		paddingAfterMinutes: service.paddingAfterMinutes,
		stepMinutes: settings.slotStepMinutes,
		window: { earliest, latest }
	});
	if (!input.travelTo || !input.staff.some((m) => m.travel)) return slots;

	const place = placeOf(input.travelTo.postcode, input.travelTo.centroids);
	const before = service.paddingBeforeMinutes * 60_000;
	const after = service.paddingAfterMinutes * 60_000;
	const plans = new Map(
		input.staff.map((member, i) => {
			const t = member.travel;
			// They set off from home when their working day starts (its first stretch).
			const setsOffAt = staff[i].working.length
				? Math.min(...staff[i].working.map((w) => w.start))
				: null;
			const plan = t ? planDay({ ...t, setsOffAt }, input.travelTo!.centroids) : undefined;
			return [member.staffId, plan] as const;
		})
	);
	const reachable: AvailableSlot[] = [];
	for (const slot of slots) {
		const staffIds: string[] = [];
		const addedTravel: Record<string, number> = {};
		const unreachable: Record<string, TravelConflict> = {};
		for (const id of slot.staffIds) {
			const plan = plans.get(id);
			if (!plan) {
				staffIds.push(id);
				continue;
			}
			const reach = checkReach(plan, {
				start: slot.start - before,
				end: slot.end + after,
				place
			});
			if (!reach.ok) {
				unreachable[id] = reach;
				continue;
			}
			staffIds.push(id);
			addedTravel[id] = reach.addedMinutes;
		}
		if (input.keepUnreachable) reachable.push({ ...slot, staffIds, addedTravel, unreachable });
		else if (staffIds.length) reachable.push({ ...slot, staffIds, addedTravel });
	}
	return reachable;
}
