import { describe, expect, it } from 'vitest';
import { clockSkewWarning, latestOffset } from './clock-skew.ts';

describe('clockSkewWarning', () => {
	it('says nothing within five minutes, or when nothing was measured', () => {
		expect(clockSkewWarning(null)).toBeNull();
		expect(clockSkewWarning(5 * 60_000)).toBeNull();
		expect(clockSkewWarning(-4 * 60_000)).toBeNull();
	});

	it('names how far and which way beyond that', () => {
		expect(clockSkewWarning(-(2 * 60 + 5) * 60_000)).toBe('2 h 5 min behind');
		expect(clockSkewWarning(6 * 60_000 + 20_000)).toBe('6 min ahead');
		expect(clockSkewWarning(3 * 3_600_000)).toBe('3 h ahead');
	});
});

describe('latestOffset', () => {
	it('takes the last batch’s measure, skipping events with none', () => {
		expect(
			latestOffset([
				{ receivedAt: 3, clockOffsetMs: null },
				{ receivedAt: 2, clockOffsetMs: -7_200_000 },
				{ receivedAt: 1, clockOffsetMs: 0 }
			])
		).toBe(-7_200_000);
		expect(latestOffset([{ receivedAt: 1, clockOffsetMs: null }])).toBeNull();
	});
});
