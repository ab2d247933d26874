import { describe, expect, it } from 'vitest';
import { availableSlots, type AvailabilityInput } from './availability.ts';
import { DEFAULT_BOOKING_SETTINGS } from './booking-policy.ts';
import { DEFAULT_TRAVEL_SETTINGS } from './travel.ts';
import { ukCentroids } from './uk-outcodes.ts';

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

describe('availableSlots with travel', () => {
	const at = (hhmm: string) => Date.parse(`2026-11-30T${hhmm}:00Z`);
	const centroids = ukCentroids();
	// Mornings 09:00–13:00, 60 min jobs on a 30 min grid; a job in Croydon 09:00–10:00 for both.
	const croydon = { start: at('09:00'), end: at('10:00'), postcode: 'CR0 1AA' };
	const cleaner = (staffId: string, home: string | null, speedKmh = 25) => ({
		staffId,
		durationOverride: null,
		week: mornings,
		busy: [{ start: croydon.start, end: croydon.end }],
		travel: {
			home,
			commitments: [croydon],
			settings: { ...DEFAULT_TRAVEL_SETTINGS, speedKmh }
		}
	});
	const base = {
		service: { durationMinutes: 60, paddingBeforeMinutes: 0, paddingAfterMinutes: 0 },
		settings: { ...DEFAULT_BOOKING_SETTINGS, slotStepMinutes: 30 }
	};

	it('offers only what the cleaner can reach after a far job (CR0 → E17 is 85 min)', () => {
		const slots = availableSlots(
			input({
				...base,
				staff: [cleaner('a', null)],
				travelTo: { postcode: 'E17 4AA', centroids }
			})
		);
		// Free from 10:00; 85 min → 11:25 → the 11:30 and 12:00 starts.
		expect(slots.map((s) => local(s.start))).toEqual(['11:30', '12:00']);
		// Without travel (the device) every free start is offered.
		const plain = availableSlots(input({ ...base, staff: [cleaner('a', null)] }));
		expect(plain.map((s) => local(s.start))).toEqual(['10:00', '10:30', '11:00', '11:30', '12:00']);
	});

	it('a near customer gets the times right after the job (CR0 → CR0 is 5 min)', () => {
		const slots = availableSlots(
			input({ ...base, staff: [cleaner('a', null)], travelTo: { postcode: 'CR0 2AB', centroids } })
		);
		expect(slots.map((s) => local(s.start))).toEqual(['10:30', '11:00', '11:30', '12:00']);
		expect(slots[0].addedTravel).toEqual({ a: 5 });
	});

	it('keeps the cleaners who can reach each slot, with what each would add', () => {
		// b has nothing that day and lives in E17: from 09:00 (sets off) 5 min, so 09:30 on.
		const b = {
			...cleaner('b', 'E17 1AA'),
			busy: [],
			travel: { home: 'E17 1AA', commitments: [], settings: DEFAULT_TRAVEL_SETTINGS }
		};
		const slots = availableSlots(
			input({
				...base,
				staff: [cleaner('a', null), b],
				travelTo: { postcode: 'E17 4AA', centroids }
			})
		);
		const at1130 = slots.find((s) => local(s.start) === '11:30');
		expect(at1130?.staffIds).toEqual(['a', 'b']);
		expect(at1130?.addedTravel).toEqual({ a: 85, b: 5 });
		expect(slots.find((s) => local(s.start) === '10:00')?.staffIds).toEqual(['b']);
		expect(slots.some((s) => local(s.start) === '09:00')).toBe(false);
	});

	it('padding counts on top of travel', () => {
		const slots = availableSlots(
			input({
				...base,
				service: { durationMinutes: 60, paddingBeforeMinutes: 30, paddingAfterMinutes: 0 },
				staff: [cleaner('a', null)],
				travelTo: { postcode: 'CR0 2AB', centroids }
			})
		);
		// Free from 10:00, 5 min travel, then 30 min padding before the start → 11:00 at the earliest.
		expect(slots.map((s) => local(s.start))).toEqual(['11:00', '11:30', '12:00']);
	});

	it('`at` gives the slots of the whole day that start then, and no others', () => {
		// Two cleaners, one with a longer override and one unreachable early, travel kept with why.
		const b = { ...cleaner('b', 'E17 1AA', 12), durationOverride: 90 };
		const day = input({
			...base,
			staff: [cleaner('a', null), b],
			travelTo: { postcode: 'E17 4AA', centroids },
			keepUnreachable: true
		});
		const whole = availableSlots(day);
		expect(new Set(whole.map((s) => s.start)).size).toBeGreaterThan(3);
		// Every quarter of an hour from before the day to after it: grid and off-grid starts.
		for (let t = at('07:00'); t <= at('15:00'); t += 15 * 60_000) {
			expect(availableSlots({ ...day, at: t })).toEqual(whole.filter((s) => s.start === t));
		}
		// The minimum notice (24 h) ends at 10:15: 10:00 is too soon, 10:30 is still offered.
		const soon = { ...day, now: at('10:15') - 24 * 60 * 60_000 };
		expect(whole.some((s) => s.start === at('10:00'))).toBe(true);
		expect(availableSlots({ ...soon, at: at('10:00') })).toEqual([]);
		const later = availableSlots({ ...soon, at: at('10:30') });
		expect(later.length).toBeGreaterThan(0);
		expect(later).toEqual(whole.filter((s) => s.start === at('10:30')));
	});
});
