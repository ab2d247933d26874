import { distanceKm, type LatLon } from './geo.ts';
import { parsePostcode } from './postcode.ts';
import type { Centroids } from './service-area.ts';

/**
 * Travel between jobs, offline, from the postcode-district centroids we ship: the great-circle
 * distance between the two districts' centres × a road factor (roads are not straight), at an
 * average speed, plus a fixed overhead (parking, walking to the door), rounded up to 5 minutes.
 * Same district → the overhead only. It runs the same on the device and the server.
 *
 * Worked example with the defaults (× 1.3, 25 km/h, + 5 min): CR0 (Croydon) → E17 (Walthamstow)
 * is 24.1 km apart → 31.3 km by road → 75.2 min driving + 5 = 80.2 → 85 min. N16 → E8 (2.47 km)
 * → 7.7 + 5 = 12.7 → 15 min. N16 → N16 → 5 min.
 *
 * Unknown place (no postcode, a malformed one, or a district missing from our list): the overhead
 * only, as if it were the same district. We do not block work on data we lack — and it is rare:
 * a booking with an unknown district is refused (UNKNOWN_DISTRICT) and the cleaner form refuses
 * an unknown home district, so it only meets rows written before those checks or a district
 * retired from the list.
 */
export type TravelSettings = {
	/** Road distance ÷ straight-line distance, e.g. 1.3. */
	roadFactor: number;
	/** Average door-to-door speed in km/h, e.g. 25 by van in town, 15 on public transport. */
	speedKmh: number;
	/** Minutes added to every trip, even within a district. */
	overheadMinutes: number;
};

/** A cleaner's own values; null keeps the business's (e.g. a cleaner on public transport: speed 15). */
export type TravelOverrides = {
	roadFactor: number | null;
	speedKmh: number | null;
	overheadMinutes: number | null;
};

export const DEFAULT_TRAVEL_SETTINGS: TravelSettings = {
	roadFactor: 1.3,
	speedKmh: 25,
	overheadMinutes: 5
};

/** What the office may set (the database checks the same ranges). */
export const TRAVEL_LIMITS = {
	roadFactor: { min: 1, max: 3 },
	speedKmh: { min: 3, max: 120 },
	overheadMinutes: { min: 0, max: 120 }
} as const;

/** The settings a cleaner travels by: their overrides over the business's. */
export function travelSettingsFor(
	business: TravelSettings,
	overrides?: Partial<TravelOverrides> | null
): TravelSettings {
	return {
		roadFactor: overrides?.roadFactor ?? business.roadFactor,
		speedKmh: overrides?.speedKmh ?? business.speedKmh,
		overheadMinutes: overrides?.overheadMinutes ?? business.overheadMinutes
	};
}

/** The travel columns of a business_settings row, as the server reads it or a device syncs it. */
export type BusinessTravelColumns = {
	travelRoadFactor?: number | null;
	travelSpeedKmh?: number | null;
	travelOverheadMinutes?: number | null;
};

/**
 * The business's travel settings out of its settings row. The row may not have synced yet on a
 * device (undefined), so what is missing falls back to the defaults — the same values the
 * database fills in.
 */
export function businessTravel(row: BusinessTravelColumns | null | undefined): TravelSettings {
	return travelSettingsFor(DEFAULT_TRAVEL_SETTINGS, {
		roadFactor: row?.travelRoadFactor,
		speedKmh: row?.travelSpeedKmh,
		overheadMinutes: row?.travelOverheadMinutes
	});
}

/** A located place: its district and centre, or null when we cannot place it. */
export type Place = { outward: string; at: LatLon } | null;

export function placeOf(postcode: string | null | undefined, centroids: Centroids): Place {
	if (!postcode) return null;
	const parsed = parsePostcode(postcode);
	if (!parsed.ok) return null;
	const at = centroids.get(parsed.outward);
	return at ? { outward: parsed.outward, at } : null;
}

/** Rounds up to 5 minutes; the tiny slack keeps 20.000000001 (floating point) at 20. */
const upToFive = (minutes: number) => Math.max(0, Math.ceil((minutes - 1e-9) / 5) * 5);

/** Minutes from one place to another (see the rule at the top). */
export function minutesBetween(from: Place, to: Place, settings: TravelSettings): number {
	if (!from || !to || from.outward === to.outward) return upToFive(settings.overheadMinutes);
	const km = distanceKm(from.at, to.at) * settings.roadFactor;
	return upToFive((km / settings.speedKmh) * 60 + settings.overheadMinutes);
}

/** Minutes between two postcodes (full or district alone): `travelMinutes('CR0 1AA', 'E17')` → 85. */
export function travelMinutes(
	from: string | null,
	to: string | null,
	settings: TravelSettings,
	centroids: Centroids
): number {
	return minutesBetween(placeOf(from, centroids), placeOf(to, centroids), settings);
}
