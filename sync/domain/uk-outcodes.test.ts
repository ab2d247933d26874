import { describe, expect, it } from 'vitest';
import { parseOutcodes } from './uk-outcodes.ts';

const SMALL = `outcode,latitude,longitude
AB10,57.13514,-2.11731
N16,51.5629,-0.07525

E8,51.54202,-0.06315
W1A,51.518562,-0.143799
`;

describe('parseOutcodes', () => {
	it('reads every row into a map from outward code to centroid, skipping blank lines', () => {
		const centroids = parseOutcodes(SMALL);
		expect(centroids.size).toBe(4);
		expect(centroids.get('N16')).toEqual({ lat: 51.5629, lon: -0.07525 });
		expect(centroids.get('E8')).toEqual({ lat: 51.54202, lon: -0.06315 });
		expect(centroids.get('W1A')).toEqual({ lat: 51.518562, lon: -0.143799 });
		expect([...centroids.keys()]).toEqual(['AB10', 'N16', 'E8', 'W1A']);
	});

	it('accepts Windows line ends, a byte-order mark and lower-case codes', () => {
		const centroids = parseOutcodes('\uFEFFoutcode,latitude,longitude\r\nn16,51.5629,-0.07525\r\n');
		expect([...centroids.entries()]).toEqual([['N16', { lat: 51.5629, lon: -0.07525 }]]);
	});

	it('reads positive longitudes east of Greenwich', () => {
		const centroids = parseOutcodes('outcode,latitude,longitude\nE11,51.56769,0.01443\n');
		expect(centroids.get('E11')).toEqual({ lat: 51.56769, lon: 0.01443 });
	});

	it('gives an empty map for a header alone', () => {
		expect(parseOutcodes('outcode,latitude,longitude\n').size).toBe(0);
	});

	it('refuses empty text and a wrong header', () => {
		expect(() => parseOutcodes('\n\n')).toThrow('Outcode CSV is empty');
		expect(() => parseOutcodes('code,lat,lon\nN16,51.5,-0.07\n')).toThrow(
			'Outcode CSV line 1: expected the header "outcode,latitude,longitude", got "code,lat,lon"'
		);
	});

	it('names the line of a row with the wrong number of fields (blank lines counted)', () => {
		const csv = 'outcode,latitude,longitude\nN16,51.5629,-0.07525\n\nE8,51.54202\n';
		expect(() => parseOutcodes(csv)).toThrow(
			'Outcode CSV line 4: expected 3 fields, found 2 in "E8,51.54202"'
		);
	});

	it('refuses a coordinate that is not a number, is empty or is out of range', () => {
		const header = 'outcode,latitude,longitude\n';
		expect(() => parseOutcodes(`${header}N16,abc,-0.07525`)).toThrow(
			'Outcode CSV line 2: latitude "abc" is not a number in -90…90 in "N16,abc,-0.07525"'
		);
		expect(() => parseOutcodes(`${header}N16,51.5629,`)).toThrow('longitude "" is not a number');
		expect(() => parseOutcodes(`${header}N16,95,-0.07525`)).toThrow('latitude "95"');
		expect(() => parseOutcodes(`${header}N16,51.5,-181`)).toThrow('longitude "-181"');
		expect(() => parseOutcodes(`${header}N16,Infinity,0`)).toThrow('latitude "Infinity"');
	});

	it('refuses something that is not an outward code', () => {
		expect(() => parseOutcodes('outcode,latitude,longitude\nN16 9PD,51.5,-0.07')).toThrow(
			'Outcode CSV line 2: "N16 9PD" is not an outward code'
		);
	});

	it('refuses a district listed twice, naming the second line', () => {
		const csv = 'outcode,latitude,longitude\nN16,51.5629,-0.07525\nn16,51.6,-0.08\n';
		expect(() => parseOutcodes(csv)).toThrow('Outcode CSV line 3: outcode N16 appears twice');
	});
});
