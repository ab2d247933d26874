import { untrack } from 'svelte';
import type { Slot } from '$sync/domain/slots.ts';
import { owned } from '$lib/owned.svelte.ts';
import { reachIndex, reachUrl, type ReachIndex } from './reach-index.ts';

export type ReachQuery = {
	serviceId: string;
	postcode: string;
	/** The first date and how many days, as the live slot list covers. */
	from: string;
	days: number;
	staffId?: string;
	/** A booking being moved: its own time is not busy. */
	exclude?: string;
};

/**
 * The travel half of the live slot list. The device computes overlap-free slots from Zero, but it
 * cannot apply the travel rule: that needs the cleaners' other jobs' postcodes and their homes,
 * which never reach the public page. The server answers which starts each cleaner can reach
 * (/api/reachable-slots); `filter` keeps only the device's slots it names, so the customer sees
 * only reachable times. Until the first answer arrives nothing is shown (`complete` is false).
 * `refresh()` asks again — the page calls it whenever Zero's busy spans change.
 */
export class ReachableSlots {
	#reach = $state.raw<ReachIndex | null>(null);
	/** Aborts what is in flight when the list goes away. */
	#controller = new AbortController();
	#asked = 0;
	#applied = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;
	/** The last question failed (offline, server down); the last answer, if any, still serves. */
	failed = $state(false);

	constructor(readonly query: ReachQuery) {
		void this.#ask();
	}

	get complete() {
		return this.#reach !== null;
	}

	/** Ask again soon; several changes arriving together (a sync burst) make one request. */
	refresh() {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.#ask(), 150);
	}

	/** The slots of `date` with only the cleaners who can reach them; slots left with none go. */
	filter(date: string, slots: readonly Slot[]): Slot[] {
		const day = this.#reach?.[date];
		if (!day) return [];
		const out: Slot[] = [];
		for (const slot of slots) {
			const can = day.get(slot.start);
			if (!can) continue;
			const staffIds = slot.staffIds.filter((id) => can.has(id));
			if (staffIds.length) out.push({ ...slot, staffIds });
		}
		return out;
	}

	destroy() {
		if (this.#timer) clearTimeout(this.#timer);
		this.#controller.abort();
	}

	async #ask() {
		// Every question runs to its end (none is cancelled by a newer one, so a busy stream of
		// changes cannot starve the list); an answer is used unless a newer one is already in.
		const seq = ++this.#asked;
		try {
			const response = await fetch(reachUrl(this.query), { signal: this.#controller.signal });
			if (!response.ok) throw new Error(`reachable-slots answered ${response.status}`);
			const body = (await response.json()) as {
				data: { reachable: Record<string, Record<string, number[]>> };
			};
			if (seq < this.#applied) return;
			this.#applied = seq;
			this.#reach = reachIndex(body.data.reachable);
			this.failed = false;
		} catch {
			if (!this.#controller.signal.aborted) this.failed = true;
		}
	}
}

/**
 * A component's reachable times: asked anew whenever `query` gives another question (none while
 * it gives null), and refreshed as the live slot list's busy spans change. Call it while the
 * component starts (it sets up effects).
 */
export function liveReach(query: () => ReachQuery | null, live: () => { changes: unknown } | null) {
	const reach = owned(
		() => {
			const asked = query();
			return asked && new ReachableSlots(asked);
		},
		(r) => r.destroy()
	);
	$effect(() => {
		void live()?.changes;
		untrack(() => reach.current)?.refresh();
	});
	return reach;
}
