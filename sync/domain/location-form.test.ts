import { describe, expect, it } from 'vitest';
import { checkLocationForm } from './location-form.ts';

describe('checkLocationForm', () => {
	it('cleans a good form, postcode normalised', () => {
		expect(
			checkLocationForm(
				{
					name: ' North  London ',
					addressLine1: '1 High St',
					city: 'London',
					postcode: 'n167xj'
				},
				{ nameTaken: false }
			)
		).toEqual({
			ok: true,
			value: {
				name: 'North London',
				addressLine1: '1 High St',
				city: 'London',
				postcode: 'N16 7XJ'
			}
		});
	});

	it('names each bad field, and wants a full postcode', () => {
		expect(
			checkLocationForm(
				{ name: '', addressLine1: 'x'.repeat(121), city: '', postcode: 'nope' },
				{ nameTaken: false }
			)
		).toEqual({
			ok: false,
			fields: {
				name: 'Give the name',
				addressLine1: 'Keep the address to 120 characters',
				postcode: expect.any(String)
			}
		});
		const district = checkLocationForm(
			{ name: 'N', addressLine1: '', city: '', postcode: 'N16' },
			{ nameTaken: false }
		);
		expect(district.ok ? null : district.fields.postcode).toBe(
			'Give the full postcode, e.g. N16 7XJ'
		);
	});

	it('says when another location has the name', () => {
		const check = checkLocationForm(
			{ name: 'North London', addressLine1: '', city: '', postcode: 'N16 7XJ' },
			{ nameTaken: true }
		);
		expect(check).toEqual({
			ok: false,
			fields: { name: 'Another location already has this name' }
		});
	});
});
