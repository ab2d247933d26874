import { describe, expect, it } from 'vitest';
import { distanceKm } from './geo.ts';
import { parsePostcode } from './postcode.ts';
import { coveringStaff, locatePostcode, type ServiceArea } from './service-area.ts';
import { ukCentroids } from './uk-outcodes.ts';

// Three made-up districts on the equator, 1° of longitude (111.195 km) apart.
const TOY = new Map([
	['A1', { lat: 0, lon: 0 }],
	['B1', { lat: 0, lon: 1 }],
	['C1', { lat: 0, lon: 2 }]
]);
const A1_TO_B1 = distanceKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 });

const area = (
	staffId: string,
	postcode: string,
	radiusKm: number,
	isActive = true
): ServiceArea => ({
	staffId,
	postcode,
	radiusKm,
	isActive
});

describe('locatePostcode', () => {
	it('finds the centroid of the district of a full postcode or of a district alone', () => {
		expect(locatePostcode('b1 2ab', TOY)).toEqual({
			ok: true,
			outward: 'B1',
			at: { lat: 0, lon: 1 }
		});
		expect(locatePostcode('C1', TOY)).toEqual({ ok: true, outward: 'C1', at: { lat: 0, lon: 2 } });
	});

	it('calls a malformed or empty postcode INVALID, keeping the parser message', () => {
		expect(locatePostcode('hello', TOY)).toEqual({
			ok: false,
			reason: 'INVALID',
			message: '“hello” is not a UK postcode, for example SW1A 1AA'
		});
		expect(locatePostcode('  ', TOY)).toEqual({
			ok: false,
			reason: 'INVALID',
			message: 'Enter a postcode'
		});
	});

	it('calls a well-formed postcode outside the list UNKNOWN_DISTRICT, naming the district', () => {
		expect(locatePostcode('d1 2ab', TOY)).toEqual({
			ok: false,
			reason: 'UNKNOWN_DISTRICT',
			message: "We don't know where the postcode district D1 is; check “D1 2AB”"
		});
	});
});

describe('coveringStaff (toy districts)', () => {
	it('covers up to the radius inclusive and not a metre beyond', () => {
		expect(coveringStaff([area('s1', 'A1', A1_TO_B1)], 'B1 1AA', TOY)).toEqual({
			ok: true,
			staffIds: ['s1']
		});
		expect(coveringStaff([area('s1', 'A1', A1_TO_B1 - 0.001)], 'B1 1AA', TOY)).toEqual({
			ok: true,
			staffIds: []
		});
	});

	it("always covers the area's own district, even with a tiny radius", () => {
		expect(coveringStaff([area('s1', 'A1 9ZZ', 0.001)], 'A1 1AA', TOY)).toEqual({
			ok: true,
			staffIds: ['s1']
		});
	});

	it('lists each member of staff once, in the order of their first covering area', () => {
		const areas = [
			area('far', 'C1', 50), // C1 is 222 km from A1: does not cover
			area('bea', 'B1', 120),
			area('ana', 'A1', 1),
			area('bea', 'A1', 1),
			area('far', 'A1', 1)
		];
		expect(coveringStaff(areas, 'A1 1AA', TOY)).toEqual({
			ok: true,
			staffIds: ['bea', 'ana', 'far']
		});
	});

	it("ignores inactive areas, but not the same person's active ones", () => {
		const areas = [area('ana', 'A1', 500, false), area('bea', 'B1', 500, false)];
		expect(coveringStaff(areas, 'C1 1AA', TOY)).toEqual({ ok: true, staffIds: [] });
		areas.push(area('bea', 'C1', 1));
		expect(coveringStaff(areas, 'C1 1AA', TOY)).toEqual({ ok: true, staffIds: ['bea'] });
	});

	it('skips an area whose own postcode is malformed or unknown, without throwing', () => {
		const areas = [area('bad', 'nonsense', 1000), area('gone', 'Q9', 1000), area('ok', 'B1', 120)];
		expect(coveringStaff(areas, 'A1 1AA', TOY)).toEqual({ ok: true, staffIds: ['ok'] });
	});

	it('returns the customer postcode error rather than an empty list', () => {
		const areas = [area('ana', 'A1', 1000)];
		expect(coveringStaff(areas, '', TOY)).toMatchObject({ ok: false, reason: 'INVALID' });
		expect(coveringStaff(areas, 'Q9 9AA', TOY)).toMatchObject({
			ok: false,
			reason: 'UNKNOWN_DISTRICT'
		});
	});

	it('does not change the areas it is given', () => {
		const areas = [area('ana', 'a1', 1), area('bea', 'B1', 1, false)];
		const before = structuredClone(areas);
		coveringStaff(areas, 'A1 1AA', TOY);
		expect(areas).toEqual(before);
	});
});

describe('coveringStaff with the shipped district centroids', () => {
	const centroids = ukCentroids();

	it('loads all 2,975 districts, each a well-formed outward code', () => {
		expect(centroids.size).toBe(2975);
		const malformed = [...centroids.keys()].filter((code) => {
			const parsed = parsePostcode(code);
			return !parsed.ok || parsed.outward !== code || parsed.inward !== null;
		});
		expect(malformed).toEqual([]);
	});

	it('places every district inside the British Isles, Channel Islands included', () => {
		const outside = [...centroids].filter(
			([, { lat, lon }]) => lat < 49 || lat > 61 || lon < -8.7 || lon > 1.8
		);
		expect(outside).toEqual([]);
	});

	it('has N16 about 2.5 km from E8, 3.2 km from N1 and 17.9 km from SW19', () => {
		const at = (code: string) => centroids.get(code)!;
		expect(distanceKm(at('N16'), at('E8'))).toBeCloseTo(2.468, 2);
		expect(distanceKm(at('N16'), at('N1'))).toBeCloseTo(3.217, 2);
		expect(distanceKm(at('N16'), at('SW19'))).toBeCloseTo(17.924, 2);
	});

	it('lets an N16 cleaner with 5 km cover Hackney and Islington, not Wimbledon nor Manchester', () => {
		const areas = [area('ana', 'N16', 5)];
		const covers = (postcode: string) => coveringStaff(areas, postcode, centroids);
		expect(covers('E8 1AA')).toEqual({ ok: true, staffIds: ['ana'] });
		expect(covers('N1 9GU')).toEqual({ ok: true, staffIds: ['ana'] });
		expect(covers('N16 8JN')).toEqual({ ok: true, staffIds: ['ana'] });
		expect(covers('SW19 1AA')).toEqual({ ok: true, staffIds: [] });
		expect(covers('M1 1AE')).toEqual({ ok: true, staffIds: [] });
	});

	it('moves in district steps: with 3 km the same cleaner covers E8 but no longer N1', () => {
		const areas = [area('ana', 'N16 8JN', 3)];
		expect(coveringStaff(areas, 'E8 1AA', centroids)).toEqual({ ok: true, staffIds: ['ana'] });
		expect(coveringStaff(areas, 'N1 9GU', centroids)).toEqual({ ok: true, staffIds: [] });
	});

	it('reads lower-case customer postcodes with or without the space', () => {
		const areas = [area('ana', 'N16', 5)];
		for (const postcode of ['e81aa', 'e8 1aa', '  E8   1AA ', 'n19gu', 'e8']) {
			expect(coveringStaff(areas, postcode, centroids), postcode).toEqual({
				ok: true,
				staffIds: ['ana']
			});
		}
	});

	it('ignores inactive areas: only the active cleaner is offered', () => {
		const areas = [area('ana', 'N16', 5, false), area('bea', 'N1', 5)];
		expect(coveringStaff(areas, 'E8 1AA', centroids)).toEqual({ ok: true, staffIds: ['bea'] });
	});

	it('calls well-formed districts that are not in the data UNKNOWN_DISTRICT', () => {
		// XX is no postcode area; BX1 is HMRC's non-geographic district; SW stops at SW20 (and SW99).
		for (const postcode of ['XX1 1AA', 'BX1 1LT', 'sw21 1aa', 'GIR 0AA']) {
			expect(coveringStaff([area('ana', 'N16', 5)], postcode, centroids), postcode).toMatchObject({
				ok: false,
				reason: 'UNKNOWN_DISTRICT'
			});
		}
	});

	it('offers the N7 (6 km) and N1 (5 km) cleaners for N16 9PD, not the SW9 one', () => {
		// N7 is 3.0 km and N1 3.2 km from N16; SW9 is 10.7 km away.
		const areas = [area('sam', 'SW9', 5), area('nia', 'N7', 6), area('ola', 'N1', 5)];
		expect(coveringStaff(areas, 'N16 9PD', centroids)).toEqual({
			ok: true,
			staffIds: ['nia', 'ola']
		});
		expect(coveringStaff([area('sam', 'SW9', 10.7)], 'N16 9PD', centroids)).toEqual({
			ok: true,
			staffIds: []
		});
		expect(coveringStaff([area('sam', 'SW9', 10.8)], 'N16 9PD', centroids)).toEqual({
			ok: true,
			staffIds: ['sam']
		});
	});
});
