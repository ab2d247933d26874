import { describe, expect, it } from 'vitest';
import { availableSlots, type AvailabilityInput } from './availability.ts';
import { DEFAULT_BOOKING_SETTINGS } from './booking-policy.ts';

const local = (ms: number) =>
	new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/London',
		hour: '2-digit',
		minute: '2-digit'
	}).format(ms);

// Mon–Sun 09:00–13:00, no breaks.
const mornings = [0, 1, 2, 3, 4, 5, 6].map((dayOfWeek) => ({
	dayOfWeek,
	startMinute: 540,
	endMinute: 780,
	breaks: []
}));

function input(over: Partial<AvailabilityInput>): AvailabilityInput {
	return {
		date: '2026-11-30',
		now: Date.parse('2026-11-25T12:00:00Z'),
		settings: { ...DEFAULT_BOOKING_SETTINGS, slotStepMinutes: 60 },
		service: { durationMinutes: 120, paddingBeforeMinutes: 0, paddingAfterMinutes: 0 },
		staff: [{ staffId: 'a', durationOverride: null, week: mornings, busy: [] }],
		...over
	};
}

describe('availableSlots', () => {
	it('searches the working morning on the step grid', () => {
		expect(availableSlots(input({})).map((s) => local(s.start))).toEqual([
			'09:00',
			'10:00',
			'11:00'
		]);
	});

	it("uses the cleaner's duration override", () => {
		const staff = [{ staffId: 'a', durationOverride: 180, week: mornings, busy: [] }];
		expect(availableSlots(input({ staff })).map((s) => local(s.start))).toEqual(['09:00', '10:00']);
	});

	it('takes busy time out', () => {
		const busy = [
			{ start: Date.parse('2026-11-30T10:30:00Z'), end: Date.parse('2026-11-30T11:00:00Z') }
		];
		const staff = [{ staffId: 'a', durationOverride: null, week: mornings, busy }];
		expect(availableSlots(input({ staff })).map((s) => local(s.start))).toEqual(['11:00']);
	});

	it('offers nothing inside the minimum notice (24 h by default)', () => {
		const now = Date.parse('2026-11-29T10:30:00Z');
		expect(availableSlots(input({ now })).map((s) => local(s.start))).toEqual(['11:00']);
		expect(availableSlots(input({ now: Date.parse('2026-11-30T12:00:00Z') }))).toEqual([]);
	});

	it('offers nothing beyond the booking horizon (60 days by default)', () => {
		expect(availableSlots(input({ date: '2027-01-24' })).length).toBe(3);
		expect(availableSlots(input({ date: '2027-01-25' }))).toEqual([]);
	});

	it('keeps 09:00 local on both clock-change Sundays', () => {
		const spring = availableSlots(
			input({ date: '2026-03-29', now: Date.parse('2026-03-01T12:00:00Z') })
		);
		expect(new Date(spring[0].start).toISOString()).toBe('2026-03-29T08:00:00.000Z');
		const autumn = availableSlots(
			input({ date: '2026-10-25', now: Date.parse('2026-10-01T12:00:00Z') })
		);
		expect(new Date(autumn[0].start).toISOString()).toBe('2026-10-25T09:00:00.000Z');
	});
});
