import { describe, expect, it } from 'vitest';
import { checkExtraForm, type ExtraForm } from './extra-form.ts';

const form: ExtraForm = {
	serviceId: 's1',
	name: ' Inside the  oven ',
	price: 2500,
	durationMinutes: 30,
	maxQuantity: 1,
	position: 0
};

describe('checkExtraForm', () => {
	it('cleans a good form', () => {
		expect(checkExtraForm(form, { service: { id: 's1' }, nameTaken: false })).toEqual({
			ok: true,
			value: { ...form, name: 'Inside the oven' }
		});
	});

	it('names every bad field', () => {
		expect(
			checkExtraForm(
				{ ...form, name: '', price: 100_001, durationMinutes: -5, maxQuantity: 0, position: 0.5 },
				{ service: null, nameTaken: false }
			)
		).toEqual({
			ok: false,
			fields: {
				serviceId: 'Choose the service this extra is booked with',
				name: 'Give the name',
				price: 'Price must be £0.00 to £1,000.00 per unit',
				durationMinutes: 'Extra time must be 0 to 240 minutes per unit',
				maxQuantity: 'Most per booking must be 1 to 20',
				position: 'Order must be a whole number, 0 to 9999'
			}
		});
	});

	it('says when the service has an extra of this name', () => {
		expect(checkExtraForm(form, { service: { id: 's1' }, nameTaken: true })).toEqual({
			ok: false,
			fields: { name: 'This service already has an extra with this name' }
		});
	});
});
