import { queries } from '$sync/queries/index.ts';
import { availableSlots } from '$sync/domain/availability.ts';
import type { BookingSettings } from '$sync/domain/booking-policy.ts';
import { addDays, localDayBounds } from '$sync/domain/local-day.ts';
import type { Slot } from '$sync/domain/slots.ts';
import type { WeeklyHours } from '$sync/domain/working-hours.ts';
import type { AppZero } from '$lib/zero/client.ts';
import { Live } from '$lib/zero/live.svelte.ts';

export type SlotService = {
	durationMinutes: number;
	paddingBeforeMinutes: number;
	paddingAfterMinutes: number;
};

/** A cleaner who can do the service at the postcode, as the catalogue API lists them. */
export type SlotCleaner = { id: string; durationMinutes: number };

/**
 * Free slots worked out on the device: the cleaners' weekly hours and busy spans for a run of days
 * are synced by Zero, and `availableSlots` (the server's own rule) runs on them. When someone else
 * books, their busy span arrives and the slot leaves the list without a reload; the server still
 * checks every booking.
 */
export class LiveSlots {
	#hours: Live<
		readonly (Omit<WeeklyHours, 'breaks'> & {
			staffId: string;
			breaks: WeeklyHours['breaks'] | null;
		})[]
	>;
	#busy: Live<
		readonly { id: string; staffId: string; blockedFrom: number; blockedUntil: number }[]
	>;

	constructor(
		zero: AppZero,
		readonly cleaners: readonly SlotCleaner[],
		readonly firstDate: string,
		readonly days: number,
		timeZone: string,
		/** A booking being moved: its own time does not count as busy. */
		readonly excludeId?: string
	) {
		const staffIds = cleaners.map((c) => c.id);
		const from = localDayBounds(firstDate, timeZone).start;
		const to = localDayBounds(addDays(firstDate, days - 1), timeZone).end;
		this.#hours = new Live(zero.materialize(queries.booking.hours({ staffIds })));
		this.#busy = new Live(zero.materialize(queries.booking.busy({ staffIds, from, to })));
	}

	/**
	 * Changes whenever the synced busy spans or hours change: the page asks the server's travel
	 * answer again then (reachable-slots.svelte.ts).
	 */
	get changes(): readonly unknown[] {
		return [this.#busy.current, this.#hours.current];
	}

	/** True once the server has confirmed both synced lists (until then, slots may be missing). */
	get complete() {
		return this.#hours.complete && this.#busy.complete;
	}

	/** The free slots on `date` with the cleaners in `staffIds` (a subset of `cleaners`). */
	slotsOn(
		date: string,
		now: number,
		rules: BookingSettings,
		service: SlotService,
		staffIds: readonly string[]
	): Slot[] {
		const hours = this.#hours.current ?? [];
		const busy = this.#busy.current ?? [];
		return availableSlots({
			date,
			now,
			settings: rules,
			service,
			staff: this.cleaners
				.filter((c) => staffIds.includes(c.id))
				.map((c) => ({
					staffId: c.id,
					durationOverride: c.durationMinutes,
					week: hours
						.filter((h) => h.staffId === c.id)
						.map((h) => ({ ...h, breaks: h.breaks ?? [] })),
					busy: busy
						.filter((b) => b.staffId === c.id && b.id !== this.excludeId)
						.map((b) => ({ start: b.blockedFrom, end: b.blockedUntil }))
				}))
		});
	}

	destroy() {
		this.#hours.destroy();
		this.#busy.destroy();
	}
}
