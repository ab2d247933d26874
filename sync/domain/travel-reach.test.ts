import { describe, expect, it } from 'vitest';
import {
	checkReach,
	dayTrips,
	describeTravelConflict,
	planDay,
	reachFor,
	type CleanerTravelDay
} from './travel-reach.ts';
import { DEFAULT_TRAVEL_SETTINGS, placeOf, travelSettingsFor } from './travel.ts';
import { ukCentroids } from './uk-outcodes.ts';

const centroids = ukCentroids();
const TZ = 'Europe/London';
// Tuesday 1 December 2026 is in GMT, so UTC times read as London times.
const at = (hhmm: string) => Date.parse(`2026-12-01T${hhmm}:00Z`);
const job = (from: string, to: string, postcode: string) => ({
	start: at(from),
	end: at(to),
	postcode
});

const day = (commitments: CleanerTravelDay['commitments'], home: string | null = null) => ({
	home,
	setsOffAt: at('08:00'),
	commitments,
	settings: DEFAULT_TRAVEL_SETTINGS
});

describe('reachFor: can the cleaner get there and on to the next job?', () => {
	it('a near job straight after another fits when the gap covers the trip (N16 → E8: 15 min)', () => {
		const d = day([job('09:00', '11:00', 'N16 8JN')]);
		expect(reachFor(d, job('11:15', '13:00', 'E8 1AA'), centroids)).toEqual({
			ok: true,
			addedMinutes: 15
		});
		const tooSoon = reachFor(d, job('11:10', '13:00', 'E8 1AA'), centroids);
		expect(tooSoon).toMatchObject({ ok: false, side: 'before', needMinutes: 15, freeMinutes: 10 });
	});

	it('a far job right after another is refused: Croydon until 11:00, Walthamstow at 11:30', () => {
		const d = day([job('09:00', '11:00', 'CR0 1AA')]);
		const r = reachFor(d, job('11:30', '13:00', 'E17 4AA'), centroids);
		expect(r).toEqual({
			ok: false,
			side: 'before',
			other: 'CR0',
			at: at('11:00'),
			needMinutes: 85,
			freeMinutes: 30
		});
		if (r.ok) throw new Error('expected a conflict');
		expect(describeTravelConflict(r, TZ)).toBe(
			'Needs 85 min from CR0 after the job before (free from 11:00); only 30 min free'
		);
		// 85 min later it fits.
		expect(reachFor(d, job('12:25', '13:55', 'E17 4AA'), centroids).ok).toBe(true);
	});

	it('the next job must be reachable after this one ends', () => {
		const d = day([job('14:00', '16:00', 'CR0 1AA')]);
		const r = reachFor(d, job('11:00', '13:00', 'E17 4AA'), centroids);
		expect(r).toMatchObject({ ok: false, side: 'after', other: 'CR0', needMinutes: 85 });
		if (r.ok) throw new Error('expected a conflict');
		expect(describeTravelConflict(r, TZ)).toBe(
			'Needs 85 min to the next job in CR0 (due at 14:00); only 60 min free'
		);
	});

	it('same district back to back needs the overhead only (5 min)', () => {
		const d = day([job('09:00', '11:00', 'N16 8JN')]);
		expect(reachFor(d, job('11:05', '12:00', 'N16 0NX'), centroids).ok).toBe(true);
		expect(reachFor(d, job('11:00', '12:00', 'N16 0NX'), centroids)).toMatchObject({
			ok: false,
			needMinutes: 5,
			freeMinutes: 0
		});
	});

	it('start of day: the first job must be reachable from home after setting off', () => {
		// Home in Croydon, sets off 08:00: Walthamstow is 85 min away, so 09:25 at the earliest.
		const d = day([], 'CR0 2AB');
		const early = reachFor(d, job('09:00', '10:00', 'E17 4AA'), centroids);
		expect(early).toMatchObject({ ok: false, side: 'before', other: 'home', needMinutes: 85 });
		if (early.ok) throw new Error('expected a conflict');
		expect(describeTravelConflict(early, TZ)).toBe(
			'Needs 85 min from home at the start of the day (from 08:00); only 60 min free'
		);
		expect(reachFor(d, job('09:25', '10:30', 'E17 4AA'), centroids)).toEqual({
			ok: true,
			addedMinutes: 85
		});
		// A later job counts from the job before it, not from home.
		const withJob = day([job('10:00', '11:00', 'E17 1AA')], 'CR0 2AB');
		expect(reachFor(withJob, job('11:05', '12:00', 'E17 4AA'), centroids).ok).toBe(true);
	});

	it('without a home postcode the first job has no travel asked of it', () => {
		expect(reachFor(day([]), job('08:00', '09:00', 'E17 4AA'), centroids)).toEqual({
			ok: true,
			addedMinutes: 0
		});
	});

	it('end of day: nothing after the last job, so no trip home is required', () => {
		const d = day([job('09:00', '11:00', 'N16 8JN')], 'CR0 2AB');
		expect(reachFor(d, job('16:00', '17:00', 'E17 4AA'), centroids)).toEqual({
			ok: true,
			addedMinutes: 20
		});
	});

	it('time off blocks by overlap only: no travel from or to it, and no home leg behind it', () => {
		const d = day([{ start: at('08:00'), end: at('10:00'), postcode: null }], 'CR0 2AB');
		expect(reachFor(d, job('10:00', '11:00', 'E17 4AA'), centroids).ok).toBe(true);
	});

	it('per-cleaner overrides: on public transport the same gap is too short', () => {
		const bus = travelSettingsFor(DEFAULT_TRAVEL_SETTINGS, { speedKmh: 12 });
		// N16 → E8 by bus: 3.21 km / 12 × 60 = 16.1 + 5 → 25 min; 15 min is not enough.
		const d = { ...day([job('09:00', '11:00', 'N16 8JN')]), settings: bus };
		expect(reachFor(d, job('11:15', '12:00', 'E8 1AA'), centroids)).toMatchObject({
			ok: false,
			needMinutes: 25
		});
		expect(reachFor(d, job('11:25', '12:00', 'E8 1AA'), centroids).ok).toBe(true);
	});

	it('added travel: a job between two others costs to + from − the trip it replaces', () => {
		// N16 → E17 would be 20 min; putting E8 in between: N16 → E8 15 + E8 → E17 25 − 20 = 20.
		const d = day([job('08:00', '09:00', 'N16 8JN'), job('14:00', '15:00', 'E17 1AA')]);
		expect(reachFor(d, job('10:00', '11:00', 'E8 1AA'), centroids)).toEqual({
			ok: true,
			addedMinutes: 20
		});
		// A job in N16 itself adds only its overheads: 5 + 20 − 20 = 5.
		expect(reachFor(d, job('10:00', '11:00', 'N16 0NX'), centroids)).toEqual({
			ok: true,
			addedMinutes: 5
		});
	});

	it('planDay sorts commitments given in any order', () => {
		const plan = planDay(
			day([job('14:00', '15:00', 'CR0 1AA'), job('08:00', '09:00', 'CR0 1AA')]),
			centroids
		);
		expect(plan.commitments.map((c) => c.start)).toEqual([at('08:00'), at('14:00')]);
		const r = checkReach(plan, {
			start: at('10:00'),
			end: at('11:00'),
			place: placeOf('E17', centroids)
		});
		expect(r).toMatchObject({ ok: false, side: 'before', other: 'CR0' });
	});
});

describe('dayTrips (for a gap bar)', () => {
	it('lists home → first job and each trip between jobs, marking a gap that is too short', () => {
		const plan = planDay(
			day([job('09:30', '11:00', 'CR0 1AA'), job('11:30', '12:30', 'E17 4AA')], 'CR0 2AB'),
			centroids
		);
		expect(dayTrips(plan)).toEqual([
			{
				from: at('08:00'),
				to: at('09:30'),
				needMinutes: 5,
				freeMinutes: 90,
				short: false,
				fromHome: true
			},
			{
				from: at('11:00'),
				to: at('11:30'),
				needMinutes: 85,
				freeMinutes: 30,
				short: true,
				fromHome: false
			}
		]);
	});
});
