import {
	formResult,
	requiredText,
	tidy,
	wholeNumberIn,
	type FieldErrors,
	type FormCheck
} from './form-rules.ts';

/** An add-on to a service (e.g. inside the oven) as the office edits it: per unit, in pence. */
export type ExtraForm = {
	serviceId: string;
	name: string;
	price: number;
	durationMinutes: number;
	maxQuantity: number;
	position: number;
};

/** The service it belongs to (null when there is no such service), and whether it already has
 * another extra of this name (in any case). */
export type ExtraFormContext = { service: { id: string } | null; nameTaken: boolean };

export const NAME_TAKEN_EXTRA = 'This service already has an extra with this name';

export function checkExtraForm(form: ExtraForm, context: ExtraFormContext): FormCheck<ExtraForm> {
	const fields: FieldErrors = {};
	const put = (field: keyof ExtraForm, message: string | null) => {
		if (message) fields[field] = message;
	};
	put('serviceId', context.service ? null : 'Choose the service this extra is booked with');
	put('name', requiredText(form.name, 'name', 80) ?? (context.nameTaken ? NAME_TAKEN_EXTRA : null));
	put('price', wholeNumberIn(form.price, 0, 100_000, 'Price must be £0.00 to £1,000.00 per unit'));
	put(
		'durationMinutes',
		wholeNumberIn(form.durationMinutes, 0, 240, 'Extra time must be 0 to 240 minutes per unit')
	);
	put('maxQuantity', wholeNumberIn(form.maxQuantity, 1, 20, 'Most per booking must be 1 to 20'));
	put('position', wholeNumberIn(form.position, 0, 9999, 'Order must be a whole number, 0 to 9999'));
	return formResult(fields, () => ({ ...form, name: tidy(form.name) }));
}
