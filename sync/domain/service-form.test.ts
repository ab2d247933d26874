import { describe, expect, it } from 'vitest';
import { bookingFieldsOf } from './custom-fields.ts';
import {
	checkServiceForm,
	questionForms,
	type ServiceForm,
	type ServiceFormContext
} from './service-form.ts';

const form: ServiceForm = {
	categoryId: 'c1',
	name: 'Deep clean',
	slug: 'deep-clean',
	description: '',
	durationMinutes: 180,
	price: 12000,
	paddingBeforeMinutes: 15,
	paddingAfterMinutes: 15,
	capacity: 2,
	color: '#3B82F6',
	depositKind: 'percent',
	depositValue: 25,
	checklist: 'Kitchen\n\n  Bathroom  \n',
	questions: [
		{
			key: 'pets',
			label: 'Any pets?',
			type: 'choice',
			required: true,
			options: ['Yes', ' No '],
			maxLength: null
		},
		{ key: 'parking', label: 'Parking', type: 'text', required: false, options: [], maxLength: 200 }
	],
	position: 0
};
const context: ServiceFormContext = {
	category: { isActive: true },
	active: true,
	slugTaken: false
};

const fieldsOf = (f: Partial<ServiceForm>, c: Partial<ServiceFormContext> = {}) => {
	const check = checkServiceForm({ ...form, ...f }, { ...context, ...c });
	return check.ok ? {} : check.fields;
};

describe('checkServiceForm', () => {
	it('cleans a good form into what is stored', () => {
		const check = checkServiceForm(form, context);
		expect(check.ok).toBe(true);
		if (!check.ok) return;
		expect(check.value).toMatchObject({
			color: '#3b82f6',
			checklist: ['Kitchen', 'Bathroom'],
			depositValue: 25,
			bookingFields: [
				{ key: 'pets', label: 'Any pets?', type: 'choice', required: true, options: ['Yes', 'No'] },
				{ key: 'parking', label: 'Parking', type: 'text', required: false, maxLength: 200 }
			]
		});
		// What is stored reads back as the same questions on the booking form.
		expect(bookingFieldsOf(check.value.bookingFields)).toEqual(check.value.bookingFields);
		expect(questionForms(check.value.bookingFields)[0].options).toEqual(['Yes', 'No']);
	});

	it('gives the duration its range, in minutes', () => {
		expect(fieldsOf({ durationMinutes: 10 })).toEqual({
			durationMinutes: 'Duration must be 15 to 600 minutes'
		});
		expect(fieldsOf({ durationMinutes: 601 }).durationMinutes).toMatch(/15 to 600/);
		expect(fieldsOf({ durationMinutes: Number.NaN }).durationMinutes).toMatch(/15 to 600/);
		expect(fieldsOf({ durationMinutes: 92 }).durationMinutes).toMatch(/multiple of 5/);
	});

	it('names each bad number by its field', () => {
		expect(
			fieldsOf({
				price: -1,
				paddingBeforeMinutes: 241,
				paddingAfterMinutes: 1.5,
				capacity: 0,
				color: 'blue',
				position: 10000
			})
		).toEqual({
			price: expect.stringMatching(/Price must be/),
			paddingBeforeMinutes: 'Padding must be 0 to 240 minutes',
			paddingAfterMinutes: 'Padding must be 0 to 240 minutes',
			capacity: 'Number of people must be 1 to 20',
			color: 'Choose a colour like #3b82f6',
			position: expect.stringMatching(/Order/)
		});
	});

	it('checks the deposit as deposit.ts takes it', () => {
		expect(fieldsOf({ depositKind: 'percent', depositValue: 0 }).depositValue).toMatch(/1 to 100/);
		expect(fieldsOf({ depositKind: 'percent', depositValue: 101 }).depositValue).toMatch(
			/1 to 100/
		);
		expect(fieldsOf({ depositKind: 'fixed', depositValue: 0 }).depositValue).toMatch(/at least/);
		expect(fieldsOf({ depositKind: 'fixed', depositValue: 12001 }).depositValue).toMatch(
			/more than the price/
		);
		expect(fieldsOf({ depositKind: 'fixed', depositValue: 12000 })).toEqual({});
		const full = checkServiceForm({ ...form, depositKind: 'full', depositValue: 40 }, context);
		expect(full.ok && full.value.depositValue).toBe(0);
	});

	it('needs a category that is offered, unless the service is archived too', () => {
		expect(fieldsOf({}, { category: null }).categoryId).toBe('Choose a category');
		expect(fieldsOf({}, { category: { isActive: false } }).categoryId).toMatch(/archived/);
		expect(fieldsOf({}, { category: { isActive: false }, active: false })).toEqual({});
	});

	it('says when the web address is taken', () => {
		expect(fieldsOf({}, { slugTaken: true })).toEqual({
			slug: 'Another service already uses this web address'
		});
	});

	it('passes on the checklist rule', () => {
		expect(fieldsOf({ checklist: 'Hoover\nhoover' }).checklist).toMatch(/twice/);
	});

	it('names each bad question by its place', () => {
		const fields = fieldsOf({
			questions: [
				{ key: 'Pets', label: '', type: 'choice', required: true, options: [' '], maxLength: null },
				{ key: 'notes', label: 'Notes', type: 'text', required: false, options: [], maxLength: 0 },
				{
					key: 'notes',
					label: 'Again',
					type: 'choice',
					required: false,
					options: ['a', 'a'],
					maxLength: null
				}
			]
		});
		expect(fields).toEqual({
			'questions.0.key': expect.stringMatching(/lower-case letter/),
			'questions.0.label': 'Give the question',
			'questions.0.options': 'Give at least one answer to choose from',
			'questions.1.maxLength': 'Longest answer must be 1 to 2000 characters',
			'questions.2.key': 'Another question has this key',
			'questions.2.options': 'An answer is listed twice'
		});
	});
});
