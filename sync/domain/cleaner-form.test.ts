import { describe, expect, it } from 'vitest';
import {
	checkCleanerForm,
	parsePounds,
	type CleanerFormInput,
	type CleanerFormOptions
} from './cleaner-form.ts';

const centroids = new Map([
	['N16', { lat: 51.5629, lon: -0.07525 }],
	['E8', { lat: 51.5432, lon: -0.0614 }]
]);
const options: CleanerFormOptions = { centroids, locationChoices: null };
const LOC = '0190a6f0-0000-7000-8000-000000000001';

const form = (over: Partial<CleanerFormInput> = {}): CleanerFormInput => ({
	name: '  Ana   Silva ',
	email: 'Ana@Example.co.uk ',
	phone: '07700 900123',
	bio: '',
	locationId: LOC,
	hours: [
		{ dayOfWeek: 0, start: '08:00', end: '16:00', breaks: [{ start: '12:00', end: '12:30' }] }
	],
	services: [{ serviceId: 'svc-1', price: '42.50', duration: '' }],
	areas: [{ postcode: 'n168jn', radiusKm: '5' }],
	...over
});

const fieldsOf = (input: CleanerFormInput, opts = options) => {
	const result = checkCleanerForm(input, opts);
	return result.ok ? {} : result.fields;
};

describe('the cleaner form', () => {
	it('turns a good form into clean rows', () => {
		const result = checkCleanerForm(form(), options);
		expect(result).toEqual({
			ok: true,
			value: {
				name: 'Ana Silva',
				email: 'ana@example.co.uk',
				phone: '07700 900123',
				bio: '',
				locationId: LOC,
				hours: [
					{ dayOfWeek: 0, startMinute: 480, endMinute: 960, breaks: [{ start: 720, end: 750 }] }
				],
				services: [{ serviceId: 'svc-1', priceOverride: 4250, durationOverride: null }],
				areas: [{ postcode: 'N16 8JN', radiusKm: 5 }]
			}
		});
	});

	it('names each bad field', () => {
		expect(fieldsOf(form({ name: ' ', email: 'ana@', phone: '12345' }))).toEqual({
			name: 'Enter the cleaner’s name',
			email: 'Enter a valid email address, like name@example.co.uk',
			phone: expect.stringContaining('Enter a UK phone number')
		});
	});

	it('refuses hours that end before they start, bad times, breaks outside or overlapping', () => {
		const fields = fieldsOf(
			form({
				hours: [
					{ dayOfWeek: 0, start: '16:00', end: '08:00', breaks: [] },
					{ dayOfWeek: 1, start: '8am', end: '25:00', breaks: [] },
					{
						dayOfWeek: 2,
						start: '08:00',
						end: '16:00',
						breaks: [
							{ start: '15:30', end: '16:30' },
							{ start: '12:00', end: '12:30' },
							{ start: '12:15', end: '12:45' }
						]
					}
				]
			})
		);
		expect(fields).toEqual({
			'hours.0.end': 'End after the start',
			'hours.1.start': 'Enter a start time like 08:30',
			'hours.1.end': 'Enter an end time like 17:00',
			'hours.2.breaks.0.start': 'Breaks must fit inside 08:00–16:00',
			'hours.2.breaks.2.start': 'Breaks overlap'
		});
	});

	it('allows two stretches of one day that do not overlap, refuses ones that do', () => {
		const split = [
			{ dayOfWeek: 4, start: '07:00', end: '11:00', breaks: [] },
			{ dayOfWeek: 4, start: '13:00', end: '24:00', breaks: [] }
		];
		expect(checkCleanerForm(form({ hours: split }), options).ok).toBe(true);
		const overlapping = [...split, { dayOfWeek: 4, start: '10:00', end: '12:00', breaks: [] }];
		expect(fieldsOf(form({ hours: overlapping }))).toEqual({
			'hours.2.start': 'Overlaps another stretch of the same day'
		});
	});

	it('checks services: chosen once, price in pounds, duration in minutes', () => {
		const fields = fieldsOf(
			form({
				services: [
					{ serviceId: 'svc-1', price: '12.345', duration: '0' },
					{ serviceId: 'svc-1', price: '', duration: '' },
					{ serviceId: '', price: '', duration: '' }
				]
			})
		);
		expect(fields).toEqual({
			'services.0.price': 'Enter a price in pounds like 42.50, or leave it empty',
			'services.0.duration': 'Enter minutes between 5 and 1440, or leave it empty',
			'services.1.serviceId': 'This service is listed twice',
			'services.2.serviceId': 'Choose a service'
		});
	});

	it('checks areas: a real postcode in a known district and a sensible radius', () => {
		const fields = fieldsOf(
			form({
				areas: [
					{ postcode: 'hello', radiusKm: '5' },
					{ postcode: 'ZZ9', radiusKm: '5' },
					{ postcode: 'E8', radiusKm: '0' },
					{ postcode: 'E8', radiusKm: '101' }
				]
			})
		);
		expect(fields['areas.0.postcode']).toBe('“hello” is not a UK postcode, for example SW1A 1AA');
		expect(fields['areas.1.postcode']).toMatch(/don't know where the postcode district ZZ9 is/);
		expect(fields['areas.2.radiusKm']).toBe('Enter a distance in km above 0 and up to 100');
		expect(fields['areas.3.radiusKm']).toBe('Enter a distance in km above 0 and up to 100');
		expect(Object.keys(fields)).toHaveLength(4);
	});

	it('holds a scoped manager to their own locations', () => {
		const mine = { centroids, locationChoices: [LOC] };
		expect(checkCleanerForm(form(), mine).ok).toBe(true);
		expect(fieldsOf(form({ locationId: '' }), mine)).toEqual({
			locationId: 'Choose one of your locations'
		});
		expect(fieldsOf(form({ locationId: 'elsewhere' }), mine)).toEqual({
			locationId: 'Choose one of your locations'
		});
		// An admin may leave a cleaner without a location.
		expect(checkCleanerForm(form({ locationId: '' }), options)).toMatchObject({
			ok: true,
			value: { locationId: null }
		});
	});
});

describe('prices in pounds', () => {
	it.each([
		['42', 4200],
		['42.5', 4250],
		['£42.50', 4250],
		['0.05', 5],
		['4.2.0', null],
		['-3', null],
		['', null]
	])('%s → %s', (input, pence) => expect(parsePounds(input)).toBe(pence));
});

describe('the cleaner’s home and travel', () => {
	const travel = (over: Partial<NonNullable<CleanerFormInput['travel']>> = {}) => ({
		homePostcode: '',
		roadFactor: '',
		speedKmh: '',
		overheadMinutes: '',
		...over
	});

	it('keeps the stored values when the form carries no travel part', () => {
		const result = checkCleanerForm(form(), options);
		expect(result.ok && 'travel' in result.value).toBe(false);
	});

	it('normalises the home postcode; empty values fall back to the business settings (null)', () => {
		const result = checkCleanerForm(
			form({ travel: travel({ homePostcode: 'e81aa', speedKmh: '15' }) }),
			options
		);
		expect(result).toMatchObject({
			ok: true,
			value: {
				travel: { homePostcode: 'E8 1AA', roadFactor: null, speedKmh: 15, overheadMinutes: null }
			}
		});
		expect(checkCleanerForm(form({ travel: travel() }), options)).toMatchObject({
			ok: true,
			value: { travel: { homePostcode: null, roadFactor: null, speedKmh: null } }
		});
	});

	it('names each bad travel field', () => {
		expect(
			fieldsOf(
				form({
					travel: {
						homePostcode: 'CR0 2AB',
						roadFactor: '0.5',
						speedKmh: 'fast',
						overheadMinutes: '7.5'
					}
				})
			)
		).toEqual({
			// CR0 is not in this test's small centroid list.
			'travel.homePostcode': "We don't know where the postcode district CR0 is; check “CR0 2AB”",
			'travel.roadFactor': 'Road factor must be 1 to 3, e.g. 1.3, or leave it empty',
			'travel.speedKmh': 'Travel speed must be 3 to 120 km/h, or leave it empty',
			'travel.overheadMinutes': 'Overhead per trip must be 0 to 120 minutes, or leave it empty'
		});
		expect(fieldsOf(form({ travel: travel({ homePostcode: 'nowhere' }) }))).toEqual({
			'travel.homePostcode': '“nowhere” is not a UK postcode, for example SW1A 1AA'
		});
	});
});
