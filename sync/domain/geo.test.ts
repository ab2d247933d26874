import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM, distanceKm } from './geo.ts';

// District centroids as they are in data/uk-outcodes-csv.ts.
const SW1A = { lat: 51.50265, lon: -0.13111 };
const M1 = { lat: 53.47734, lon: -2.23508 };
const N16 = { lat: 51.5629, lon: -0.07525 };
const N1 = { lat: 51.53717, lon: -0.09652 };

describe('distanceKm', () => {
	it('is 0 from a point to itself', () => {
		expect(distanceKm(SW1A, SW1A)).toBe(0);
		expect(distanceKm(N16, { ...N16 })).toBe(0);
	});

	it('measures one degree of longitude on the equator as 2πR/360 ≈ 111.195 km', () => {
		expect(distanceKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 })).toBeCloseTo(111.19508, 4);
	});

	it('measures one degree of latitude the same anywhere along a meridian', () => {
		expect(distanceKm({ lat: 51, lon: -2 }, { lat: 52, lon: -2 })).toBeCloseTo(111.19508, 4);
	});

	it('shrinks a degree of longitude by cos(latitude) near the pole, not on the equator', () => {
		// At 60°N, 1° of longitude along the parallel is about half of one on the equator.
		const d = distanceKm({ lat: 60, lon: 0 }, { lat: 60, lon: 1 });
		expect(d).toBeGreaterThan(55.5);
		expect(d).toBeLessThan(55.65);
	});

	it('gives half the circumference for antipodal points, not NaN', () => {
		expect(distanceKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(
			Math.PI * EARTH_RADIUS_KM,
			6
		);
		expect(distanceKm({ lat: 90, lon: 0 }, { lat: -90, lon: 0 })).toBeCloseTo(20015.1144, 3);
	});

	it('puts London SW1A about 261.7 km from Manchester M1', () => {
		expect(distanceKm(SW1A, M1)).toBeCloseTo(261.71, 2);
	});

	it('puts Stoke Newington N16 about 3.2 km from Islington N1', () => {
		expect(distanceKm(N16, N1)).toBeCloseTo(3.217, 3);
	});

	it('is symmetric', () => {
		expect(distanceKm(M1, SW1A)).toBe(distanceKm(SW1A, M1));
		expect(distanceKm(N1, N16)).toBe(distanceKm(N16, N1));
	});

	it('crosses the Greenwich meridian without a jump', () => {
		// 0.2° of longitude at 51.5°N either side of 0° ≈ 13.84 km; no sign trouble at lon 0.
		const d = distanceKm({ lat: 51.5, lon: -0.1 }, { lat: 51.5, lon: 0.1 });
		expect(d).toBeCloseTo(13.84, 1);
	});
});
