/**
 * Building blocks of the office's form rules (category-form.ts, service-form.ts, …): each rule
 * returns the cleaned value, or a message per field, so the device and the server say the same
 * thing next to the same field.
 */
export type FieldErrors = Record<string, string>;

export type FormCheck<T> = { ok: true; value: T } | { ok: false; fields: FieldErrors };

/** The rule's answer: the value when no field has a message. */
export function formResult<T>(fields: FieldErrors, value: () => T): FormCheck<T> {
	return Object.keys(fields).length ? { ok: false, fields } : { ok: true, value: value() };
}

/** Trimmed, inner runs of spaces made one. */
export const tidy = (text: string) => text.trim().replace(/\s+/g, ' ');

/** A required one-line text of at most `max` characters; the message, or null when fine. */
export function requiredText(text: string, what: string, max: number): string | null {
	const value = tidy(text);
	if (!value) return `Give the ${what}`;
	if (value.length > max) return `Keep the ${what} to ${max} characters`;
	return null;
}

/** An optional text of at most `max` characters. */
export function optionalText(text: string, what: string, max: number): string | null {
	return text.trim().length > max ? `Keep the ${what} to ${max} characters` : null;
}

/**
 * A whole number within [min, max]; `message` names the range as the office reads it, e.g.
 * 'Duration must be 15 to 600 minutes'. NaN (a box the form could not read) fails like any other.
 */
export function wholeNumberIn(value: number, min: number, max: number, message: string) {
	return Number.isInteger(value) && value >= min && value <= max ? null : message;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 80;

/** The web address part made from a name: 'Oven & Hob clean' → 'oven-hob-clean'. */
export function slugify(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, MAX_SLUG_LENGTH)
		.replace(/-+$/, '');
}

/** A slug: lower-case letters, digits and single hyphens, as public links use it. */
export function slugProblem(slug: string): string | null {
	if (!slug) return 'Give the web address (e.g. deep-clean)';
	if (slug.length > MAX_SLUG_LENGTH) return `Keep the web address to ${MAX_SLUG_LENGTH} characters`;
	if (!SLUG.test(slug))
		return 'Use lower-case letters, digits and single hyphens only (e.g. deep-clean)';
	return null;
}

/**
 * Pounds as typed ('45', '45.5', '£1,045.50') to integer pence; NaN when it is not an amount
 * with at most two decimals. Worked in text, never by multiplying floats (0.29 × 100 = 28.999…).
 */
export function penceOf(text: string): number {
	const cleaned = text.trim().replace(/^£/, '').replace(/,/g, '').trim();
	const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(cleaned);
	if (!match) return Number.NaN;
	const [, pounds, pence = ''] = match;
	return Number(pounds) * 100 + Number(pence.padEnd(2, '0'));
}

/** Pence as the form shows them in a pounds box: 4550 → '45.50'. */
export const poundsText = (pence: number) =>
	Number.isInteger(pence)
		? `${Math.trunc(pence / 100)}.${String(pence % 100).padStart(2, '0')}`
		: '';
