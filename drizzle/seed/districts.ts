// London postcode districts the demo works in: centroid (from data/uk-outcodes.csv, OGL: contains
// OS data © Crown copyright and database right) and real residential streets in each.

export type District = { lat: number; lon: number; streets: readonly string[] };

export const DISTRICTS: Record<string, District> = {
	N1: {
		lat: 51.53717,
		lon: -0.09652,
		streets: [
			'Canonbury Road',
			'Essex Road',
			'Cloudesley Road',
			'Packington Street',
			'Barnsbury Street'
		]
	},
	N4: {
		lat: 51.57052,
		lon: -0.1009,
		streets: ['Stroud Green Road', 'Florence Road', 'Albert Road', 'Lothair Road North']
	},
	N5: {
		lat: 51.55337,
		lon: -0.09729,
		streets: ['Highbury Hill', 'Aberdeen Park', 'Riversdale Road', 'Kelross Road']
	},
	N7: {
		lat: 51.55277,
		lon: -0.11607,
		streets: ['Hillmarton Road', 'Parkhurst Road', 'Anson Road', 'Corinne Road']
	},
	N8: {
		lat: 51.58335,
		lon: -0.11625,
		streets: ['Weston Park', 'Priory Road', 'Nelson Road', 'Elmfield Avenue']
	},
	N16: {
		lat: 51.5629,
		lon: -0.07525,
		streets: ['Albion Road', 'Nevill Road', 'Defoe Road', 'Kynaston Road', 'Milton Grove']
	},
	N19: {
		lat: 51.56464,
		lon: -0.12712,
		streets: ['Junction Road', 'Dartmouth Park Hill', 'Bickerton Road', 'Hornsey Lane']
	},
	NW5: {
		lat: 51.55139,
		lon: -0.14209,
		streets: ['Leighton Road', 'Lady Somerset Road', 'Chetwynd Road', 'Ospringe Road']
	},
	E5: {
		lat: 51.55893,
		lon: -0.05233,
		streets: ['Chatsworth Road', 'Rushmore Road', 'Glenarm Road', 'Powerscroft Road']
	},
	E8: {
		lat: 51.54202,
		lon: -0.06315,
		streets: ['Mapledene Road', 'Middleton Road', 'Navarino Road', 'Greenwood Road']
	},
	SE5: {
		lat: 51.47322,
		lon: -0.09055,
		streets: ['Camberwell Grove', 'Grove Lane', 'Vicarage Grove', 'Love Walk']
	},
	SE15: {
		lat: 51.47189,
		lon: -0.06468,
		streets: ['Bellenden Road', 'Choumert Road', 'Lyndhurst Grove', 'Elm Grove']
	},
	SE22: {
		lat: 51.45401,
		lon: -0.07119,
		streets: ['Lordship Lane', 'Upland Road', 'Crystal Palace Road', 'Barry Road']
	},
	SE24: {
		lat: 51.45446,
		lon: -0.09853,
		streets: ['Railton Road', 'Dulwich Road', 'Winterbrook Road', 'Burbage Road']
	},
	SW2: {
		lat: 51.44939,
		lon: -0.11889,
		streets: ['Josephine Avenue', 'Arodene Road', 'Brixton Hill', 'Lambert Road']
	},
	SW4: {
		lat: 51.46045,
		lon: -0.13571,
		streets: ['Abbeville Road', 'Clapham Manor Street', 'Rectory Grove', 'Narbonne Avenue']
	},
	SW9: {
		lat: 51.46907,
		lon: -0.11232,
		streets: ['Stockwell Park Road', 'Loughborough Road', 'Villa Road', 'Hackford Road']
	},
	SW11: {
		lat: 51.4663,
		lon: -0.16427,
		streets: ['Northcote Road', 'Broomwood Road', 'Webbs Road', 'Battersea Rise']
	},
	SW12: {
		lat: 51.44536,
		lon: -0.14784,
		streets: ['Nightingale Lane', 'Bedford Hill', 'Ramsden Road', 'Ravenslea Road']
	}
};

export const NORTH_DISTRICTS = ['N1', 'N4', 'N5', 'N7', 'N8', 'N16', 'N19', 'NW5', 'E5', 'E8'];
export const SOUTH_DISTRICTS = ['SE5', 'SE15', 'SE22', 'SE24', 'SW2', 'SW4', 'SW9', 'SW11', 'SW12'];

/** Great-circle distance in km (haversine; the Earth as a 6,371 km sphere). */
export function distanceKm(a: District, b: District): number {
	const rad = Math.PI / 180;
	const dLat = (b.lat - a.lat) * rad;
	const dLon = (b.lon - a.lon) * rad;
	const h =
		Math.sin(dLat / 2) ** 2 +
		Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
	return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** The district of a full postcode: 'N16 9PD' → 'N16'. */
export function districtOf(postcode: string): string {
	return postcode.trim().split(/\s+/)[0].toUpperCase();
}

/**
 * Whether a cleaner's areas reach a postcode, the way `staff_areas` is meant to be read: the
 * district centroid lies within `radiusKm` of the area's own district centroid.
 */
export function covers(areas: readonly { postcode: string; radiusKm: number }[], postcode: string) {
	const target = DISTRICTS[districtOf(postcode)];
	if (!target) return false;
	return areas.some((area) => {
		const centre = DISTRICTS[districtOf(area.postcode)];
		return centre !== undefined && distanceKm(centre, target) <= area.radiusKm;
	});
}

// Letters a postcode's inward code may use (the Royal Mail leaves out C, I, K, M, O and V).
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** A full postcode in `district`, e.g. 'SE15 4QY', from three numbers in [0, 1). */
export function fullPostcode(district: string, rolls: [number, number, number]): string {
	const digit = 1 + Math.floor(rolls[0] * 9);
	const letter = (roll: number) => INWARD_LETTERS[Math.floor(roll * INWARD_LETTERS.length)];
	return `${district} ${digit}${letter(rolls[1])}${letter(rolls[2])}`;
}
