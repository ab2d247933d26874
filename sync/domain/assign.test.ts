import { describe, expect, it } from 'vitest';
import { assignStaff, orderByTravel } from './assign.ts';

describe('assignStaff', () => {
	const counts = new Map([
		['a', 3],
		['b', 1],
		['c', 1]
	]);

	it('picks the least booked cleaner, then the lowest id', () => {
		expect(assignStaff(['c', 'a', 'b'], counts)).toBe('b');
	});

	it('counts a cleaner with no bookings that day as zero', () => {
		expect(assignStaff(['a', 'd'], counts)).toBe('d');
	});

	it('gives the same answer whatever the order of candidates', () => {
		expect(assignStaff(['b', 'c'], counts)).toBe(assignStaff(['c', 'b'], counts));
	});

	it("honours the customer's pick when that cleaner is free, and refuses it otherwise", () => {
		expect(assignStaff(['a', 'b'], counts, 'a')).toBe('a');
		expect(assignStaff(['b'], counts, 'a')).toBeNull();
	});

	it('has no one to assign when no cleaner is free', () => {
		expect(assignStaff([], counts)).toBeNull();
	});
});

describe('orderByTravel', () => {
	const counts = new Map([
		['a', 2],
		['b', 0],
		['c', 1]
	]);

	it('prefers the least added travel, then fewest bookings, then id', () => {
		expect(orderByTravel(['a', 'b', 'c'], { a: 5, b: 40, c: 5 }, counts)).toEqual(['c', 'a', 'b']);
	});

	it('falls back to the fairness rule when travel ties (or is unknown)', () => {
		expect(orderByTravel(['a', 'b', 'c'], {}, counts)).toEqual(['b', 'c', 'a']);
		expect(orderByTravel(['d', 'b'], { d: 10, b: 10 }, new Map())).toEqual(['b', 'd']);
	});
});
