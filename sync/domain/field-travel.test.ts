import { describe, expect, it } from 'vitest';
import { tripEstimates } from './field-travel.ts';
import { DEFAULT_TRAVEL_SETTINGS } from './travel.ts';
import { ukCentroids } from './uk-outcodes.ts';

const centroids = ukCentroids();

describe('tripEstimates: the cleaner’s estimate of each trip in a day', () => {
	const day = [
		{ id: 'a', postcode: 'N16 8JN' },
		{ id: 'b', postcode: 'E8 1AA' },
		{ id: 'c', postcode: 'CR0 1AA' }
	];

	it('times the first job from home and each other from the job before', () => {
		const trips = tripEstimates(day, 'E17 4AA', DEFAULT_TRAVEL_SETTINGS, centroids);
		expect(trips.get('a')).toMatchObject({ from: 'home' });
		// N16 → E8: 2.47 km × 1.3 at 25 km/h + 5 → 15 min.
		expect(trips.get('b')).toEqual({ minutes: 15, from: 'previous job' });
		expect(trips.get('c')?.minutes).toBeGreaterThan(60);
	});

	it('has no first trip without a home postcode, and none to or from a job with no postcode', () => {
		const trips = tripEstimates(
			[...day.slice(0, 2), { id: 'x', postcode: null }, { id: 'y', postcode: 'E8 2AA' }],
			null,
			DEFAULT_TRAVEL_SETTINGS,
			centroids
		);
		expect([...trips.keys()]).toEqual(['b']);
	});

	it('goes by the cleaner’s own settings (public transport: slower)', () => {
		const slow = tripEstimates(day, null, { ...DEFAULT_TRAVEL_SETTINGS, speedKmh: 12 }, centroids);
		expect(slow.get('b')!.minutes).toBeGreaterThan(15);
	});
});
