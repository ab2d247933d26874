import { describe, expect, it } from 'vitest';
import { parsePounds } from './money.ts';

describe('parsePounds', () => {
	it('reads pounds and pence as whole pence', () => {
		expect(parsePounds('45')).toBe(4500);
		expect(parsePounds(' £45.5 ')).toBe(4550);
		expect(parsePounds('0.07')).toBe(7);
		expect(parsePounds('£1,045.50')).toBe(104550);
	});

	it('refuses what is not an amount', () => {
		for (const bad of ['', '£', '4.555', '-5', '1,04', 'ten', '4.5.0', '.5'])
			expect(parsePounds(bad), bad).toBeNull();
	});
});
