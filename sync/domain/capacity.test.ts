import { describe, expect, it } from 'vitest';
import { checkPersons, isPricedPerPerson } from './capacity.ts';

const team = { name: 'Office clean, team of up to 3', capacity: 3 };
const regular = { name: 'Regular home clean', capacity: 1 };

describe('checkPersons', () => {
	it('takes one person when none is given', () => {
		expect(checkPersons(undefined, regular)).toEqual({ ok: true, persons: 1 });
	});

	it('takes a group up to the capacity, the capacity included', () => {
		expect(checkPersons(2, team)).toEqual({ ok: true, persons: 2 });
		expect(checkPersons(3, team)).toEqual({ ok: true, persons: 3 });
	});

	it('refuses more persons than the capacity, naming the service and the limit', () => {
		expect(checkPersons(4, team)).toEqual({
			ok: false,
			message: 'Office clean, team of up to 3 is booked for up to 3 persons: choose 1 to 3'
		});
		expect(checkPersons(2, regular)).toEqual({
			ok: false,
			message: 'Regular home clean is booked for one person: choose 1'
		});
	});

	it('refuses zero, negative and fractional counts', () => {
		for (const n of [0, -1, 1.5]) expect(checkPersons(n, team).ok).toBe(false);
	});
});

describe('isPricedPerPerson', () => {
	it('prices group services per person and ordinary cleans per clean', () => {
		expect(isPricedPerPerson(team)).toBe(true);
		expect(isPricedPerPerson(regular)).toBe(false);
	});
});
