import { describe, expect, it } from 'vitest';
import { forgetBooked, justBooked, noteBooked } from './just-booked.ts';
import type { CreatedBooking } from './receipt.ts';

const HOUR = 3_600_000;
const t0 = Date.UTC(2027, 2, 1, 9);

function booked(staffId: string, starts: number[]): CreatedBooking {
	return {
		appointmentIds: starts.map((_, i) => `a${i}`),
		staffId,
		serviceId: 's',
		seriesId: null,
		occurrences: starts.map((start, i) => ({ id: `a${i}`, start, end: start + 2 * HOUR })),
		totalPrice: 5000,
		currency: 'GBP',
		timeZone: 'Europe/London',
		cancellationToken: 't'
	};
}

describe('jobs just booked', () => {
	it('covers a start inside a job of the same cleaner only', () => {
		noteBooked(booked('ann', [t0]), 0);
		expect(justBooked('ann', t0, 10)).toBe(true);
		expect(justBooked('ann', t0 + HOUR, 10)).toBe(true);
		expect(justBooked('ann', t0 + 2 * HOUR, 10)).toBe(false);
		expect(justBooked('ann', t0 - 30 * 60_000, 10)).toBe(false);
		expect(justBooked('bob', t0, 10)).toBe(false);
		forgetBooked('ann');
	});

	it('keeps every occurrence of a recurring booking', () => {
		noteBooked(booked('ann', [t0, t0 + 7 * 24 * HOUR]), 0);
		expect(justBooked('ann', t0 + 7 * 24 * HOUR, 10)).toBe(true);
		forgetBooked('ann');
	});

	it('forgets after a second, and at once when the cleaner is forgotten', () => {
		noteBooked(booked('ann', [t0]), 0);
		noteBooked(booked('ann', [t0 + 4 * HOUR]), 600);
		expect(justBooked('ann', t0, 999)).toBe(true);
		expect(justBooked('ann', t0, 1_000)).toBe(false);
		expect(justBooked('ann', t0 + 4 * HOUR, 1_000)).toBe(true);
		forgetBooked('ann');
		expect(justBooked('ann', t0 + 4 * HOUR, 1_001)).toBe(false);
	});
});
