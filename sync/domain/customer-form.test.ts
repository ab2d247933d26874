import { describe, expect, it } from 'vitest';
import {
	checkCustomerForm,
	customerSearchTerm,
	phoneSearchPattern,
	parseTags,
	type CustomerFormInput
} from './customer-form.ts';

const form = (over: Partial<CustomerFormInput> = {}): CustomerFormInput => ({
	name: 'Ola Nowak',
	email: 'OLA@example.com',
	phone: '',
	addressLine1: ' 9 Church Street ',
	addressLine2: '',
	city: 'London',
	county: '',
	postcode: 'n160nx',
	notes: ' Key under the mat ',
	tags: 'Dog, key holder, dog',
	...over
});

describe('the customer form', () => {
	it('cleans a good form: email lower-cased, postcode normalised, tags once each', () => {
		expect(checkCustomerForm(form())).toEqual({
			ok: true,
			value: {
				name: 'Ola Nowak',
				email: 'ola@example.com',
				phone: '',
				addressLine1: '9 Church Street',
				addressLine2: '',
				city: 'London',
				county: '',
				postcode: 'N16 0NX',
				notes: 'Key under the mat',
				tags: ['dog', 'key holder']
			}
		});
	});

	it('names each bad field', () => {
		const result = checkCustomerForm(
			form({
				name: '',
				email: 'x',
				phone: '999',
				addressLine1: ' ',
				postcode: 'N16',
				notes: 'x'.repeat(5001)
			})
		);
		expect(result).toEqual({
			ok: false,
			fields: {
				name: 'Enter the customer’s name',
				email: 'Enter a valid email address, like name@example.co.uk',
				phone: expect.stringContaining('Enter a UK phone number'),
				addressLine1: 'Enter the first line of the address',
				postcode: 'Enter the whole postcode, like N16 1AA',
				notes: 'Use at most 5000 characters'
			}
		});
	});

	it('refuses too many or too long tags', () => {
		const many = Array.from({ length: 21 }, (_, i) => `t${i}`).join(',');
		expect(parseTags(many)).toEqual({ ok: false, message: 'At most 20 tags' });
		expect(parseTags('x'.repeat(41))).toEqual({
			ok: false,
			message: 'Keep each tag under 40 characters'
		});
		expect(parseTags(' , ,')).toEqual({ ok: true, tags: [] });
	});
});

describe('the customer search term', () => {
	it('normalises a whole postcode and keeps anything else as typed', () => {
		expect(customerSearchTerm(' n16 0nx ')).toBe('N16 0NX');
		expect(customerSearchTerm('n160nx')).toBe('N16 0NX');
		expect(customerSearchTerm('N16')).toBe('N16');
		expect(customerSearchTerm(' ola   now ')).toBe('ola now');
		expect(customerSearchTerm('   ')).toBeNull();
	});
});

describe('the phone search pattern', () => {
	it('matches a number however it was written', () => {
		const pattern = '%7%7%0%0%9%0%0%7%8%9%';
		expect(phoneSearchPattern('07700900789')).toBe(pattern);
		expect(phoneSearchPattern('+44 7700 900789')).toBe(pattern);
		expect(phoneSearchPattern('0044 (7700) 900-789')).toBe(pattern);
		expect(phoneSearchPattern('900789')).toBe('%9%0%0%7%8%9%');
	});

	it('is nothing for names, emails, postcodes or a few digits', () => {
		expect(phoneSearchPattern('Ola')).toBeNull();
		expect(phoneSearchPattern('ola@example.com')).toBeNull();
		expect(phoneSearchPattern('N16 0NX')).toBeNull();
		expect(phoneSearchPattern('0789')).toBeNull();
	});
});
