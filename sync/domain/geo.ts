/** A point on the Earth in WGS84 degrees (what the postcode-district centroids are given in). */
export type LatLon = { lat: number; lon: number };

/** Mean Earth radius (IUGG), in km. */
export const EARTH_RADIUS_KM = 6371.0088;

const RADIANS = Math.PI / 180;

/**
 * Great-circle distance in km (haversine). On a sphere, so up to ~0.5% off the ellipsoid: a few
 * metres at a cleaner's scale, far below the few km a district centroid is off anyway.
 * Example: SW1A (51.50265, -0.13111) to M1 (53.47734, -2.23508) ≈ 261.7 km.
 */
export function distanceKm(a: LatLon, b: LatLon): number {
	const dLat = (b.lat - a.lat) * RADIANS;
	const dLon = (b.lon - a.lon) * RADIANS;
	const h =
		Math.sin(dLat / 2) ** 2 +
		Math.cos(a.lat * RADIANS) * Math.cos(b.lat * RADIANS) * Math.sin(dLon / 2) ** 2;
	// Rounding can push h a hair above 1 for antipodal points; asin would then return NaN.
	return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, h)));
}
