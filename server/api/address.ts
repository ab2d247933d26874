import { z } from 'zod';
import { addressFinder } from '../address/finder.ts';
import { fail, ok } from './envelope.ts';
import { parseJsonBody } from './validation.ts';

const sessionToken = z.string().max(100).optional();

export const autocompleteBody = z.strictObject({
	query: z
		.string({ error: 'Type the start of the address' })
		.trim()
		.min(3, 'Type at least 3 characters of the address')
		.max(200, 'That is too long for an address'),
	session_token: sessionToken
});

export const validateBody = z.strictObject({
	place_id: z.string({ error: 'Give the id of a suggestion' }).min(1).max(300),
	session_token: sessionToken
});

const unavailable = () =>
	fail(
		502,
		'ADDRESS_LOOKUP_FAILED',
		'Finding addresses is not working right now: type the address'
	);

/** POST /api/v1/address/autocomplete/ — addresses matching what was typed (none without a provider). */
export async function apiAddressAutocomplete(request: Request) {
	const parsed = await parseJsonBody(request, autocompleteBody);
	if (!parsed.ok) return parsed.response;
	const finder = addressFinder();
	try {
		const suggestions = await finder.suggest(parsed.data.query, parsed.data.session_token);
		return ok({ driver: finder.driver, suggestions });
	} catch {
		return unavailable();
	}
}

/** POST /api/v1/address/validate/ — a suggestion as the address lines of the booking form. */
export async function apiAddressValidate(request: Request) {
	const parsed = await parseJsonBody(request, validateBody);
	if (!parsed.ok) return parsed.response;
	let found;
	try {
		found = await addressFinder().details(parsed.data.place_id, parsed.data.session_token);
	} catch {
		return unavailable();
	}
	if (!found) return fail(404, 'NOT_FOUND', 'No UK address with a full postcode has this id');
	return ok({
		address_line1: found.line1,
		address_line2: found.line2,
		city: found.city,
		postcode: found.postcode
	});
}
