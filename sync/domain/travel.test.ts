import { describe, expect, it } from 'vitest';
import {
	businessTravel,
	DEFAULT_TRAVEL_SETTINGS,
	minutesBetween,
	placeOf,
	travelMinutes,
	travelSettingsFor
} from './travel.ts';
import { ukCentroids } from './uk-outcodes.ts';

const centroids = ukCentroids();
const D = DEFAULT_TRAVEL_SETTINGS;

describe('travelMinutes (district centroids, × road factor ÷ speed + overhead, up to 5 min)', () => {
	it('near districts: N16 → E8 is 2.47 km → 3.2 km by road → 7.7 + 5 = 12.7 → 15 min', () => {
		expect(travelMinutes('N16 8JN', 'E8 1AA', D, centroids)).toBe(15);
		// Full postcodes and districts alone give the same answer (the district's centre).
		expect(travelMinutes('N16', 'E8', D, centroids)).toBe(15);
	});

	it('far districts: Croydon CR0 → Walthamstow E17 (24.1 km) is 85 min', () => {
		expect(travelMinutes('CR0 1AA', 'E17 4AA', D, centroids)).toBe(85);
		// Symmetric: the distance is the same both ways.
		expect(travelMinutes('E17', 'CR0', D, centroids)).toBe(85);
	});

	it('same district is the overhead only, whatever the inward code', () => {
		expect(travelMinutes('N16 8JN', 'N16 0NX', D, centroids)).toBe(5);
		expect(travelMinutes('N16', 'N16', { ...D, overheadMinutes: 0 }, centroids)).toBe(0);
		// The overhead is rounded up like any trip.
		expect(travelMinutes('N16', 'N16', { ...D, overheadMinutes: 7 }, centroids)).toBe(10);
	});

	it('rounds up to 5 minutes, never down', () => {
		// N16 → N1: 3.22 km × 1.3 = 4.19 km at 25 km/h = 10.05 min + 5 = 15.05 → 20.
		expect(travelMinutes('N16', 'N1', D, centroids)).toBe(20);
	});

	it('an unknown place counts as the overhead only (documented rule), not as a refusal', () => {
		expect(travelMinutes(null, 'E8', D, centroids)).toBe(5);
		expect(travelMinutes('not a postcode', 'E8', D, centroids)).toBe(5);
		// BX1 is a non-geographic district (bulk mail): not in the list.
		expect(placeOf('BX1 1AA', centroids)).toBeNull();
		expect(travelMinutes('BX1 1AA', 'CR0', D, centroids)).toBe(5);
	});

	it('a cleaner on public transport: their speed and overhead override the business’s', () => {
		const bus = travelSettingsFor(D, { speedKmh: 15, overheadMinutes: 10, roadFactor: null });
		expect(bus).toEqual({ roadFactor: 1.3, speedKmh: 15, overheadMinutes: 10 });
		// CR0 → E17: 31.36 km at 15 km/h = 125.4 + 10 = 135.4 → 140 min.
		expect(travelMinutes('CR0', 'E17', bus, centroids)).toBe(140);
		expect(travelMinutes('N16', 'N16', bus, centroids)).toBe(10);
	});

	it('no overrides (null or missing) keep the business settings', () => {
		expect(travelSettingsFor(D, null)).toEqual(D);
		expect(
			travelSettingsFor(D, { roadFactor: null, speedKmh: null, overheadMinutes: null })
		).toEqual(D);
		// A road factor of 1 is the straight line: CR0 → E17 24.12 km / 25 × 60 = 57.9 + 5 → 65.
		expect(travelMinutes('CR0', 'E17', travelSettingsFor(D, { roadFactor: 1 }), centroids)).toBe(
			65
		);
	});

	it('minutesBetween works on looked-up places (what the slot search uses per cleaner)', () => {
		const n16 = placeOf('N16', centroids);
		const e8 = placeOf('E8 2AA', centroids);
		expect(e8?.outward).toBe('E8');
		expect(minutesBetween(n16, e8, D)).toBe(15);
	});

	it('businessTravel reads the settings row, and falls back to the defaults before it syncs', () => {
		const row = { travelRoadFactor: 1.1, travelSpeedKmh: 40, travelOverheadMinutes: 0, name: 'x' };
		expect(businessTravel(row)).toEqual({ roadFactor: 1.1, speedKmh: 40, overheadMinutes: 0 });
		expect(businessTravel(undefined)).toEqual(D);
		expect(businessTravel(null)).toEqual(D);
		// A value missing or null keeps the default for that value alone; 0 is a value, not a gap.
		expect(businessTravel({ travelSpeedKmh: 15, travelRoadFactor: null })).toEqual({
			roadFactor: 1.3,
			speedKmh: 15,
			overheadMinutes: 5
		});
		// And a cleaner's overrides still go over it.
		const own = travelSettingsFor(businessTravel(row), { speedKmh: 15 });
		expect(own).toEqual({ roadFactor: 1.1, speedKmh: 15, overheadMinutes: 0 });
	});
});
