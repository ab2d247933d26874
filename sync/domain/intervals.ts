import type { Interval } from './local-day.ts';

/** Sorted, non-overlapping, non-empty copies of `intervals`, touching ones joined: [1,3)+[3,5) → [1,5). */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
	const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
	const merged: Interval[] = [];
	for (const { start, end } of sorted) {
		const last = merged.at(-1);
		if (last && start <= last.end) last.end = Math.max(last.end, end);
		else merged.push({ start, end });
	}
	return merged;
}

/**
 * What is left of `base` once every interval of `cuts` is taken out. Both may be in any order and
 * overlap; the result is merged and sorted. Example: [9,17) minus [12,13) and [16,18) → [9,12), [13,16).
 */
export function subtractIntervals(
	base: readonly Interval[],
	cuts: readonly Interval[]
): Interval[] {
	const holes = mergeIntervals(cuts);
	const result: Interval[] = [];
	for (const piece of mergeIntervals(base)) {
		let cursor = piece.start;
		for (const hole of holes) {
			if (hole.end <= cursor) continue;
			if (hole.start >= piece.end) break;
			if (hole.start > cursor) result.push({ start: cursor, end: hole.start });
			cursor = Math.max(cursor, hole.end);
			if (cursor >= piece.end) break;
		}
		if (cursor < piece.end) result.push({ start: cursor, end: piece.end });
	}
	return result;
}

/** Whether two half-open intervals share any instant (touching ends do not). */
export function overlaps(a: Interval, b: Interval): boolean {
	return a.start < b.end && b.start < a.end;
}
