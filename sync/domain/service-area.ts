import { distanceKm, type LatLon } from './geo.ts';
import { parsePostcode } from './postcode.ts';

/** Outward code ('N16') → centroid of that postcode district; see uk-outcodes.ts. */
export type Centroids = ReadonlyMap<string, LatLon>;

/** A row of `staff_areas`: the cleaner works within `radiusKm` of `postcode` (district or full). */
export type ServiceArea = {
	staffId: string;
	postcode: string;
	radiusKm: number;
	isActive: boolean;
};

export type LocateError = {
	ok: false;
	reason: 'INVALID' | 'UNKNOWN_DISTRICT';
	message: string;
};

export type Located = { ok: true; outward: string; at: LatLon };

/**
 * Where a postcode is, to district precision: the centroid of its outward code. An empty or
 * malformed postcode is INVALID (with parsePostcode's message, e.g. "Enter a postcode"); a
 * well-formed one whose district is not in the list (new, or non-geographic such as BX1 for bulk
 * mail) is UNKNOWN_DISTRICT.
 */
export function locatePostcode(postcode: string, centroids: Centroids): Located | LocateError {
	const parsed = parsePostcode(postcode);
	if (!parsed.ok) return { ok: false, reason: 'INVALID', message: parsed.message };
	const at = centroids.get(parsed.outward);
	if (!at)
		return {
			ok: false,
			reason: 'UNKNOWN_DISTRICT',
			message:
				`We don't know where the postcode district ${parsed.outward} is; ` +
				`check “${parsed.postcode}”`
		};
	return { ok: true, outward: parsed.outward, at };
}

/**
 * The staff who cover `postcode`, each once, in the order their first covering area appears.
 *
 * Rule: an area covers a postcode when the area is active and the centroid of the customer's
 * district lies within `radiusKm` (inclusive) of the centroid of the area's own district. Both
 * ends are districts, not doors: a full postcode in an area counts as its district, so 'N16 8JN'
 * and 'N16' are the same centre. The same district always covers (distance 0). An area whose postcode is
 * malformed or unknown is skipped — one bad row must not hide the other cleaners — while a bad
 * customer postcode is the caller's error and comes back as INVALID or UNKNOWN_DISTRICT.
 *
 * Worked example (centroids from data/uk-outcodes-csv.ts): Ana works 'N16' within 5 km.
 *   'E8 1AA'   → E8 centroid is 2.47 km from N16's   → covered
 *   'N1 9GU'   → N1 centroid is 3.22 km from N16's   → covered
 *   'SW19 1AA' → SW19 centroid is 17.9 km from N16's → not covered
 * With a 3 km radius she would cover E8 but not N1: the answer moves in district-sized steps, so an
 * address a few hundred metres from her home can still be "too far" if its district's centre is.
 */
export function coveringStaff(
	areas: readonly ServiceArea[],
	postcode: string,
	centroids: Centroids
): { ok: true; staffIds: string[] } | LocateError {
	const customer = locatePostcode(postcode, centroids);
	if (!customer.ok) return customer;

	const staffIds: string[] = [];
	const seen = new Set<string>();
	for (const area of areas) {
		if (!area.isActive || seen.has(area.staffId)) continue;
		const centre = locatePostcode(area.postcode, centroids);
		if (!centre.ok) continue;
		const covers =
			centre.outward === customer.outward || distanceKm(centre.at, customer.at) <= area.radiusKm;
		if (!covers) continue;
		seen.add(area.staffId);
		staffIds.push(area.staffId);
	}
	return { ok: true, staffIds };
}
