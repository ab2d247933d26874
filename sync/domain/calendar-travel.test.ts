import { describe, expect, it } from 'vitest';
import { travelLegs, type CalendarJob } from './calendar-travel.ts';
import { DEFAULT_TRAVEL_SETTINGS } from './travel.ts';
import { ukCentroids } from './uk-outcodes.ts';

const centroids = ukCentroids();
// Tuesday 1 December 2026 is in GMT, so UTC times read as London times.
const at = (hhmm: string) => Date.parse(`2026-12-01T${hhmm}:00Z`);
const job = (
	id: string,
	from: string,
	to: string,
	postcode: string | null,
	more: Partial<CalendarJob> = {}
): CalendarJob => ({
	id,
	staffId: 'amira',
	date: '2026-12-01',
	busyFrom: at(from),
	busyUntil: at(to),
	postcode,
	live: true,
	...more
});
const defaults = () => DEFAULT_TRAVEL_SETTINGS;

describe('travelLegs: the calendar’s trips between consecutive jobs', () => {
	it('leads into each job after the first from the one before, in time order whatever the input order', () => {
		const legs = travelLegs(
			[
				job('c', '14:00', '16:00', 'E17 4AA'),
				job('a', '09:00', '11:00', 'N16 8JN'),
				job('b', '11:15', '13:00', 'E8 1AA')
			],
			defaults,
			centroids
		);
		expect([...legs.keys()].sort()).toEqual(['b', 'c']);
		// N16 → E8: 15 min, 15 free.
		expect(legs.get('b')).toEqual({
			fromAt: at('11:00'),
			needMinutes: 15,
			freeMinutes: 15,
			short: false
		});
		expect(legs.get('c')).toMatchObject({ fromAt: at('13:00'), freeMinutes: 60, short: false });
	});

	it('marks a leg short where a change left less than the trip: Croydon until 11:00, Walthamstow at 11:30', () => {
		const legs = travelLegs(
			[job('a', '09:00', '11:00', 'CR0 1AA'), job('b', '11:30', '13:00', 'E17 4AA')],
			defaults,
			centroids
		);
		expect(legs.get('b')).toEqual({
			fromAt: at('11:00'),
			needMinutes: 85,
			freeMinutes: 30,
			short: true
		});
	});

	it('uses each cleaner’s own settings, and keeps cleaners and days apart', () => {
		const onFoot = { ...DEFAULT_TRAVEL_SETTINGS, speedKmh: 5 };
		const legs = travelLegs(
			[
				job('a', '09:00', '11:00', 'N16 8JN'),
				job('b', '11:15', '13:00', 'E8 1AA'),
				job('x', '11:15', '13:00', 'E8 1AA', { staffId: 'bea' }),
				job('y', '09:00', '11:00', 'N16 8JN', { staffId: 'bea', date: '2026-11-30' })
			],
			(staffId) => (staffId === 'amira' ? onFoot : DEFAULT_TRAVEL_SETTINGS),
			centroids
		);
		// 2.47 km × 1.3 at 5 km/h = 38.5 min + 5 → 45 min, with 15 free.
		expect(legs.get('b')).toMatchObject({ needMinutes: 45, short: true });
		// Bea's jobs are alone on their days: no leg.
		expect(legs.has('x')).toBe(false);
	});

	it('skips cancelled jobs (nobody goes) and asks no travel around a job of unknown place', () => {
		const legs = travelLegs(
			[
				job('a', '09:00', '11:00', 'CR0 1AA'),
				job('gone', '11:00', '11:30', 'N16 8JN', { live: false }),
				job('b', '13:00', '14:00', 'E17 4AA'),
				job('c', '14:00', '15:00', null),
				job('d', '15:00', '16:00', 'CR0 1AA')
			],
			defaults,
			centroids
		);
		expect(legs.get('b')).toMatchObject({ fromAt: at('11:00'), needMinutes: 85, short: false });
		expect(legs.has('gone')).toBe(false);
		expect(legs.has('c')).toBe(false);
		expect(legs.has('d')).toBe(false);
	});
});
