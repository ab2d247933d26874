import { describe, expect, it } from 'vitest';
import { bookingFieldsOf, checkAnswers, type BookingField } from './custom-fields.ts';

const fields: BookingField[] = [
	{
		key: 'parking',
		label: 'Parking',
		type: 'choice',
		required: true,
		options: ['Free on the street', 'Permit needed', 'Driveway']
	},
	{ key: 'pets', label: 'Pets at home', type: 'text', required: false, maxLength: 20 }
];

describe('checkAnswers', () => {
	it('keeps trimmed answers and drops empty optional ones', () => {
		expect(checkAnswers(fields, { parking: ' Driveway ', pets: '  ' })).toEqual({
			ok: true,
			answers: { parking: 'Driveway' }
		});
	});

	it('names a missing required answer, a choice not offered and a text too long', () => {
		expect(checkAnswers(fields, {})).toEqual({
			ok: false,
			errors: { parking: 'Answer “Parking”' }
		});
		expect(checkAnswers(fields, { parking: 'Car park', pets: 'x'.repeat(21) })).toEqual({
			ok: false,
			errors: {
				parking: 'Choose one of the answers for “Parking”',
				pets: 'Keep “Pets at home” to 20 characters'
			}
		});
	});

	it('refuses answers to questions the form does not ask', () => {
		expect(checkAnswers(fields, { parking: 'Driveway', price: '0' })).toEqual({
			ok: false,
			errors: { price: 'This question is not on the booking form' }
		});
	});

	it('asks nothing when the office has added no questions', () => {
		expect(checkAnswers([], {})).toEqual({ ok: true, answers: {} });
	});
});

describe('bookingFieldsOf', () => {
	it('keeps the well-formed questions of the settings JSON and drops the rest', () => {
		expect(
			bookingFieldsOf([
				...fields,
				{ key: 'Bad Key', label: 'x', type: 'text' },
				{ key: 'nolabel', label: ' ', type: 'text' },
				{ key: 'colour', label: 'Colour', type: 'choice', options: [] },
				{ key: 'size', label: 'Size', type: 'slider' },
				null
			])
		).toEqual(fields);
		expect(bookingFieldsOf('not a list')).toEqual([]);
	});
});
