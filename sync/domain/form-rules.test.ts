import { describe, expect, it } from 'vitest';
import { penceOf, poundsText, slugify, slugProblem, wholeNumberIn } from './form-rules.ts';

describe('penceOf', () => {
	it('reads pounds and pence exactly, in text', () => {
		expect(penceOf('45')).toBe(4500);
		expect(penceOf('45.5')).toBe(4550);
		expect(penceOf('£1,045.05')).toBe(104505);
		expect(penceOf(' 0.29 ')).toBe(29);
	});
	it('is NaN for what is not an amount', () => {
		for (const text of ['', '12.345', '-3', 'ten', '1.2.3', '£']) {
			expect(penceOf(text), text).toBeNaN();
		}
	});
	it('round-trips through poundsText', () => {
		for (const pence of [0, 5, 99, 100, 4550, 104505])
			expect(penceOf(poundsText(pence))).toBe(pence);
		expect(poundsText(Number.NaN)).toBe('');
	});
});

describe('slugs', () => {
	it('makes a web address from a name', () => {
		expect(slugify('Oven & Hob clean')).toBe('oven-hob-clean');
		expect(slugify('  Café  Deep-Clean! ')).toBe('cafe-deep-clean');
		expect(slugify('a'.repeat(100))).toHaveLength(80);
	});
	it('refuses what a link cannot carry', () => {
		expect(slugProblem('deep-clean')).toBeNull();
		expect(slugProblem('')).toMatch(/Give the web address/);
		expect(slugProblem('Deep clean')).toMatch(/lower-case/);
		expect(slugProblem('deep--clean')).toMatch(/single hyphens/);
		expect(slugProblem('-deep')).toMatch(/lower-case/);
	});
});

describe('wholeNumberIn', () => {
	it('accepts whole numbers in range, ends included', () => {
		expect(wholeNumberIn(15, 15, 600, 'no')).toBeNull();
		expect(wholeNumberIn(600, 15, 600, 'no')).toBeNull();
	});
	it('refuses fractions, NaN and numbers outside', () => {
		for (const n of [14, 601, 20.5, Number.NaN, Infinity])
			expect(wholeNumberIn(n, 15, 600, 'no')).toBe('no');
	});
});
