import {
	formResult,
	optionalText,
	requiredText,
	slugProblem,
	tidy,
	wholeNumberIn,
	type FieldErrors,
	type FormCheck
} from './form-rules.ts';

/** A category as the office edits it. */
export type CategoryForm = {
	name: string;
	slug: string;
	description: string;
	position: number;
};

/** What the rule needs to know beyond the form: whether another category has this slug. */
export type CategoryFormContext = { slugTaken: boolean };

export const SLUG_TAKEN_CATEGORY = 'Another category already uses this web address';

export function checkCategoryForm(
	form: CategoryForm,
	context: CategoryFormContext
): FormCheck<CategoryForm> {
	const fields: FieldErrors = {};
	const name = requiredText(form.name, 'name', 80);
	if (name) fields.name = name;
	const slug = slugProblem(form.slug) ?? (context.slugTaken ? SLUG_TAKEN_CATEGORY : null);
	if (slug) fields.slug = slug;
	const description = optionalText(form.description, 'description', 1000);
	if (description) fields.description = description;
	const position = wholeNumberIn(form.position, 0, 9999, 'Order must be a whole number, 0 to 9999');
	if (position) fields.position = position;
	return formResult(fields, () => ({
		name: tidy(form.name),
		slug: form.slug,
		description: form.description.trim(),
		position: form.position
	}));
}

/**
 * A category is archived only once none of its services is offered: otherwise its live services
 * would sit in a category customers cannot see (the catalogue's one switch is the service's own).
 */
export function archiveCategoryProblem(activeServices: number): string | null {
	if (activeServices === 0) return null;
	return activeServices === 1
		? 'Archive or move its 1 active service first'
		: `Archive or move its ${activeServices} active services first`;
}
