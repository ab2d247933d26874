import { formResult, optionalText, requiredText, tidy, type FormCheck } from './form-rules.ts';
import { parsePostcode } from './postcode.ts';

/** A branch of the business (managers can be limited to one). */
export type LocationForm = {
	name: string;
	addressLine1: string;
	city: string;
	postcode: string;
};

export const NAME_TAKEN_LOCATION = 'Another location already has this name';

/** `nameTaken`: whether another location has this name, in any case. */
export function checkLocationForm(
	form: LocationForm,
	context: { nameTaken: boolean }
): FormCheck<LocationForm> {
	const fields: Record<string, string> = {};
	const name =
		requiredText(form.name, 'name', 80) ?? (context.nameTaken ? NAME_TAKEN_LOCATION : null);
	if (name) fields.name = name;
	const address = optionalText(form.addressLine1, 'address', 120);
	if (address) fields.addressLine1 = address;
	const city = optionalText(form.city, 'town or city', 80);
	if (city) fields.city = city;
	const postcode = parsePostcode(form.postcode);
	if (!postcode.ok) fields.postcode = postcode.message;
	else if (postcode.inward === null) fields.postcode = 'Give the full postcode, e.g. N16 7XJ';
	return formResult(fields, () => ({
		name: tidy(form.name),
		addressLine1: tidy(form.addressLine1),
		city: tidy(form.city),
		postcode: postcode.ok ? postcode.postcode : form.postcode
	}));
}
