/**
 * Questions the office adds to the booking form (business settings `booking_fields`), and the
 * check of a customer's answers against them: the server keeps only answers to questions it asks.
 * Shared code, so the device can give the same answer without a round trip.
 */
export type BookingField =
	| { key: string; label: string; type: 'text'; required: boolean; maxLength?: number }
	| { key: string; label: string; type: 'choice'; required: boolean; options: string[] };

export type FieldAnswers = Record<string, string>;

export type AnswersCheck =
	{ ok: true; answers: FieldAnswers } | { ok: false; errors: Record<string, string> };

const DEFAULT_MAX_LENGTH = 500;

/**
 * The questions in the settings' JSON, keeping only well-formed ones (the office edits it, and a
 * broken entry must not break the booking form).
 */
export function bookingFieldsOf(raw: unknown): BookingField[] {
	if (!Array.isArray(raw)) return [];
	return raw.flatMap((f): BookingField[] => {
		if (typeof f !== 'object' || f === null) return [];
		const { key, label, type, required, options, maxLength } = f as Record<string, unknown>;
		if (typeof key !== 'string' || !/^[a-z][a-z0-9_]{0,39}$/.test(key)) return [];
		if (typeof label !== 'string' || !label.trim()) return [];
		const base = { key, label, required: required === true };
		if (type === 'text')
			return [
				{ ...base, type, ...(typeof maxLength === 'number' && maxLength > 0 && { maxLength }) }
			];
		if (type === 'choice' && Array.isArray(options) && options.every((o) => typeof o === 'string'))
			return options.length ? [{ ...base, type, options: options as string[] }] : [];
		return [];
	});
}

/** Trims each answer, drops empty ones, and names every missing, unknown or invalid answer. */
export function checkAnswers(fields: readonly BookingField[], given: FieldAnswers): AnswersCheck {
	const errors: Record<string, string> = {};
	const answers: FieldAnswers = {};
	const known = new Set(fields.map((f) => f.key));
	for (const key of Object.keys(given)) {
		if (!known.has(key)) errors[key] = 'This question is not on the booking form';
	}
	for (const field of fields) {
		const value = (given[field.key] ?? '').trim();
		if (!value) {
			if (field.required) errors[field.key] = `Answer “${field.label}”`;
			continue;
		}
		if (field.type === 'choice' && !field.options.includes(value)) {
			errors[field.key] = `Choose one of the answers for “${field.label}”`;
		} else if (field.type === 'text' && value.length > (field.maxLength ?? DEFAULT_MAX_LENGTH)) {
			errors[field.key] =
				`Keep “${field.label}” to ${field.maxLength ?? DEFAULT_MAX_LENGTH} characters`;
		} else {
			answers[field.key] = value;
		}
	}
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, answers };
}
