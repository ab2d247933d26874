import {
	checkEmail,
	checkName,
	checkPhone,
	fieldCollector,
	type FormResult
} from './person-fields.ts';
import { parsePostcode } from './postcode.ts';

/** The office's customer form (contact details, address, notes, tags), as typed. */
export type CustomerFormInput = {
	name: string;
	email: string;
	phone: string;
	addressLine1: string;
	addressLine2: string;
	city: string;
	county: string;
	postcode: string;
	notes: string;
	/** Comma-separated on the form: 'key holder, dog, fortnightly'. */
	tags: string;
};

export type CustomerForm = Omit<CustomerFormInput, 'tags'> & { tags: string[] };

export const MAX_NOTES = 5000;
export const MAX_TAGS = 20;
export const MAX_TAG = 40;
const MAX_LINE = 200;

/**
 * Tags are compared without case and stored lower-case, once each, in the order typed:
 * 'Dog, key holder, dog' → ['dog', 'key holder'].
 */
export function parseTags(
	input: string
): { ok: true; tags: string[] } | { ok: false; message: string } {
	const tags: string[] = [];
	for (const raw of input.split(',')) {
		const tag = raw.trim().replace(/\s+/g, ' ').toLowerCase();
		if (!tag || tags.includes(tag)) continue;
		if (tag.length > MAX_TAG)
			return { ok: false, message: `Keep each tag under ${MAX_TAG} characters` };
		tags.push(tag);
	}
	if (tags.length > MAX_TAGS) return { ok: false, message: `At most ${MAX_TAGS} tags` };
	return { ok: true, tags };
}

export function checkCustomerForm(input: CustomerFormInput): FormResult<CustomerForm> {
	const c = fieldCollector();
	const name = c.take('name', checkName(input.name, 'the customer’s name'));
	const email = c.take('email', checkEmail(input.email));
	const phone = c.take('phone', checkPhone(input.phone, false));
	const line = (field: 'addressLine1' | 'addressLine2' | 'city' | 'county') => {
		const value = input[field].trim().replace(/\s+/g, ' ');
		if (value.length > MAX_LINE) c.fail(field, `Use at most ${MAX_LINE} characters`);
		return value;
	};
	const addressLine1 = line('addressLine1');
	if (!addressLine1) c.fail('addressLine1', 'Enter the first line of the address');
	const [addressLine2, city, county] = [line('addressLine2'), line('city'), line('county')];
	// A customer's address is a door, so a whole postcode: a district alone is not enough.
	const parsed = parsePostcode(input.postcode);
	if (!parsed.ok) c.fail('postcode', parsed.message);
	else if (!parsed.inward)
		c.fail('postcode', `Enter the whole postcode, like ${parsed.outward} 1AA`);
	const notes = input.notes.trim();
	if (notes.length > MAX_NOTES) c.fail('notes', `Use at most ${MAX_NOTES} characters`);
	const tags = parseTags(input.tags);
	if (!tags.ok) c.fail('tags', tags.message);
	if (!c.ok || !parsed.ok || !tags.ok) return { ok: false, fields: c.fields };
	return {
		ok: true,
		value: {
			name: name!,
			email: email!,
			phone: phone!,
			addressLine1,
			addressLine2,
			city,
			county,
			postcode: parsed.postcode,
			notes,
			tags: tags.tags
		}
	};
}

/**
 * What the office typed in the customer search, as the query needs it: a whole postcode is
 * normalised ('n160nx' finds 'N16 0NX'), anything else is matched as typed, ignoring case.
 * Returns null for nothing to search (list everyone in scope).
 */
export function customerSearchTerm(input: string): string | null {
	const trimmed = input.trim().replace(/\s+/g, ' ');
	if (!trimmed) return null;
	const postcode = parsePostcode(trimmed);
	if (postcode.ok && postcode.inward) return postcode.postcode;
	return trimmed.slice(0, 100);
}

/**
 * A phone number as typed in the search, as a pattern that ignores how it was written: the
 * national digits (after 0, +44 or 0044) with anything allowed between them, so '07700900789',
 * '+44 7700 900789' and '07700 900 789' all find '07700 900789'. Null unless it looks like a
 * phone number (digits, spaces, brackets, dashes, a leading +; at least 6 digits).
 */
export function phoneSearchPattern(input: string): string | null {
	const trimmed = input.trim();
	if (!/^\+?[\d\s()-]+$/.test(trimmed)) return null;
	const digits = trimmed.replace(/\D/g, '').replace(/^(0044|44(?=\d{9,10}$)|0)/, '');
	if (digits.length < 6) return null;
	return `%${digits.split('').join('%')}%`;
}
