import { describe, expect, it } from 'vitest';
import { mergeIntervals, overlaps, subtractIntervals } from './intervals.ts';

const iv = (start: number, end: number) => ({ start, end });

describe('mergeIntervals', () => {
	it('sorts, joins overlapping and touching intervals, drops empty ones', () => {
		expect(mergeIntervals([iv(5, 7), iv(1, 3), iv(3, 4), iv(6, 9), iv(10, 10)])).toEqual([
			iv(1, 4),
			iv(5, 9)
		]);
	});

	it('does not change its input', () => {
		const input = [iv(3, 5), iv(1, 4)];
		mergeIntervals(input);
		expect(input).toEqual([iv(3, 5), iv(1, 4)]);
	});
});

describe('subtractIntervals', () => {
	it('cuts a lunch break and an evening out of a working day', () => {
		expect(subtractIntervals([iv(9, 17)], [iv(12, 13), iv(16, 18)])).toEqual([
			iv(9, 12),
			iv(13, 16)
		]);
	});

	it('handles cuts in any order, overlapping each other and the edges', () => {
		expect(
			subtractIntervals([iv(0, 10), iv(20, 30)], [iv(25, 40), iv(5, 8), iv(-5, 2), iv(7, 9)])
		).toEqual([iv(2, 5), iv(9, 10), iv(20, 25)]);
	});

	it('leaves nothing when a cut covers everything, and everything when there is no cut', () => {
		expect(subtractIntervals([iv(9, 17)], [iv(0, 24)])).toEqual([]);
		expect(subtractIntervals([iv(9, 17)], [])).toEqual([iv(9, 17)]);
	});
});

describe('overlaps', () => {
	it('is false for touching intervals and true for a shared instant', () => {
		expect(overlaps(iv(1, 3), iv(3, 5))).toBe(false);
		expect(overlaps(iv(1, 3), iv(2, 5))).toBe(true);
		expect(overlaps(iv(2, 3), iv(1, 5))).toBe(true);
	});
});
