/**
 * Which cleaner takes an "any cleaner" booking: the one with the fewest bookings that day, ties
 * broken by id so every run (device or server) picks the same one. A customer's own pick wins when
 * that cleaner can take the slot; otherwise there is no pick (null), never a silent substitute.
 * Example: candidates [b, a, c] with a: 3, b: 1, c: 1 bookings that day → b (fewest, then 'b' < 'c').
 */
export function assignStaff(
	candidates: readonly string[],
	bookingsThatDay: ReadonlyMap<string, number>,
	preferred?: string | null
): string | null {
	if (preferred) return candidates.includes(preferred) ? preferred : null;
	let best: string | null = null;
	let bestCount = Infinity;
	for (const id of candidates) {
		const count = bookingsThatDay.get(id) ?? 0;
		if (count < bestCount || (count === bestCount && best !== null && id < best)) {
			best = id;
			bestCount = count;
		}
	}
	return best;
}

/**
 * The order to try cleaners for an "any cleaner" booking with travel: the one whose day gains the
 * least travel first (addedTravel, minutes; a cleaner without a figure counts as 0), then the
 * fairness rule above (fewest bookings that day, then id).
 * Example: a adds 5 min, b adds 40, c adds 5; a has 2 bookings, c has 1 → [c, a, b].
 */
export function orderByTravel(
	candidates: readonly string[],
	addedTravel: Readonly<Record<string, number>>,
	bookingsThatDay: ReadonlyMap<string, number>
): string[] {
	return [...candidates].sort(
		(x, y) =>
			(addedTravel[x] ?? 0) - (addedTravel[y] ?? 0) ||
			(bookingsThatDay.get(x) ?? 0) - (bookingsThatDay.get(y) ?? 0) ||
			(x < y ? -1 : x > y ? 1 : 0)
	);
}
