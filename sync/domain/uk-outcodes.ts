import { UK_OUTCODES_CSV } from './data/uk-outcodes-csv.ts';
import type { LatLon } from './geo.ts';

/**
 * Reads the district-centroid CSV shipped in data/uk-outcodes-csv.ts (header
 * `outcode,latitude,longitude`) into a map from outward code to centroid. It runs once at start-up
 * on our own data, so a bad row is a bug in what we ship: it throws, naming the line, rather than
 * quietly dropping a district. Blank lines,
 * Windows line ends and a byte-order mark are fine.
 * Example: 'outcode,latitude,longitude\nN16,51.5629,-0.07525\n'
 *   → Map { 'N16' → { lat: 51.5629, lon: -0.07525 } }.
 */
export function parseOutcodes(csv: string): Map<string, LatLon> {
	const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
	const headerAt = lines.findIndex((line) => line.trim() !== '');
	if (headerAt === -1) throw new Error('Outcode CSV is empty: expected a header line');
	const header = lines[headerAt].trim().toLowerCase();
	if (header !== 'outcode,latitude,longitude')
		throw new Error(
			`Outcode CSV line ${headerAt + 1}: expected the header "outcode,latitude,longitude", ` +
				`got "${lines[headerAt].trim()}"`
		);

	const centroids = new Map<string, LatLon>();
	for (let i = headerAt + 1; i < lines.length; i++) {
		const line = lines[i].trim();
		if (line === '') continue;
		const cells = line.split(',').map((cell) => cell.trim());
		if (cells.length !== 3) throw rowError(i, line, `expected 3 fields, found ${cells.length}`);
		const [rawCode, rawLat, rawLon] = cells;
		const outcode = rawCode.toUpperCase();
		if (!/^[A-Z]{1,2}[0-9][0-9A-Z]?$/.test(outcode))
			throw rowError(i, line, `"${rawCode}" is not an outward code`);
		const lat = toNumber(rawLat);
		if (lat === null || lat < -90 || lat > 90)
			throw rowError(i, line, `latitude "${rawLat}" is not a number in -90…90`);
		const lon = toNumber(rawLon);
		if (lon === null || lon < -180 || lon > 180)
			throw rowError(i, line, `longitude "${rawLon}" is not a number in -180…180`);
		if (centroids.has(outcode)) throw rowError(i, line, `outcode ${outcode} appears twice`);
		centroids.set(outcode, { lat, lon });
	}
	return centroids;
}

function rowError(index: number, line: string, why: string): Error {
	return new Error(`Outcode CSV line ${index + 1}: ${why} in "${line}"`);
}

/** A finite decimal number, or null ('' and 'abc' are not numbers, although Number('') is 0). */
function toNumber(text: string): number | null {
	if (!/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(text)) return null;
	const value = Number(text);
	return Number.isFinite(value) ? value : null;
}

let shipped: Map<string, LatLon> | undefined;

/** The shipped UK district centroids, parsed on first use. */
export function ukCentroids(): ReadonlyMap<string, LatLon> {
	shipped ??= parseOutcodes(UK_OUTCODES_CSV);
	return shipped;
}
