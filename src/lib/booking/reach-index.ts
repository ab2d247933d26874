import type { ReachQuery } from './reachable-slots.svelte.ts';

/** start → the cleaners who can reach it, per date; built once per answer and never changed. */
export type ReachIndex = Record<string, ReadonlyMap<number, ReadonlySet<string>>>;

/** The server's answer ({ date: { staffId: starts[] } }) turned round for looking up a slot. */
export function reachIndex(reachable: Record<string, Record<string, number[]>>): ReachIndex {
	const index: Record<string, Map<number, Set<string>>> = {};
	for (const [date, byStaff] of Object.entries(reachable)) {
		const day = new Map<number, Set<string>>();
		for (const [staffId, starts] of Object.entries(byStaff))
			for (const start of starts) {
				let set = day.get(start);
				if (!set) day.set(start, (set = new Set()));
				set.add(staffId);
			}
		index[date] = day;
	}
	return index;
}

export function reachUrl(q: ReachQuery): string {
	const params = new URLSearchParams({
		service_id: q.serviceId,
		postcode: q.postcode,
		from: q.from,
		days: String(q.days),
		...(q.staffId && { staff_id: q.staffId }),
		...(q.exclude && { exclude: q.exclude })
	});
	return `/api/reachable-slots?${params}`;
}
