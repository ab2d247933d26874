import { defineMutator, type Transaction } from '@rocicorp/zero';
import { z } from 'zod';
import { officeMay } from '../auth.ts';
import {
	archiveCategoryProblem,
	checkCategoryForm,
	SLUG_TAKEN_CATEGORY
} from '../domain/category-form.ts';
import { zql } from '../schema.ts';
import { refuse, refuseFields, uniqueOrRefuse } from './catalog-errors.ts';

// Categories of the catalogue. Never deleted: services (and through them bookings) refer to them,
// so a category is archived instead, and only once none of its services is offered.

// Loose types: the form rule, not the schema, names what is wrong with each field.
const categoryShape = {
	name: z.string().max(1000),
	slug: z.string().max(1000),
	description: z.string().max(10_000),
	position: z.number()
};
export const saveCategoryArgs = z.strictObject({ id: z.uuid(), ...categoryShape });
export type SaveCategoryArgs = z.infer<typeof saveCategoryArgs>;

export const archiveArgs = z.strictObject({ id: z.uuid(), archived: z.boolean() });
export type ArchiveArgs = z.infer<typeof archiveArgs>;

const FORBIDDEN = 'You may not change the catalogue';

async function checked(tx: Transaction, args: SaveCategoryArgs) {
	const other = await tx.run(
		zql.categories.where('slug', args.slug).where('id', '!=', args.id).one()
	);
	return checkCategoryForm(args, { slugTaken: !!other });
}

export const createCategory = defineMutator(saveCategoryArgs, async ({ tx, args, ctx }) => {
	if (!officeMay(ctx, 'manage_services')) return refuse(tx.location, 'FORBIDDEN', FORBIDDEN);
	if (await tx.run(zql.categories.where('id', args.id).one()))
		return refuse(tx.location, 'ALREADY_EXISTS', 'This category was already saved');
	const check = await checked(tx, args);
	if (!check.ok) return refuseFields(tx.location, check.fields);
	await uniqueOrRefuse(
		() => tx.mutate.categories.insert({ id: args.id, ...check.value, isActive: true }),
		'categories_slug_unique',
		'slug',
		SLUG_TAKEN_CATEGORY
	);
});

export const updateCategory = defineMutator(saveCategoryArgs, async ({ tx, args, ctx }) => {
	if (!officeMay(ctx, 'manage_services')) return refuse(tx.location, 'FORBIDDEN', FORBIDDEN);
	if (!(await tx.run(zql.categories.where('id', args.id).one())))
		return refuse(tx.location, 'NOT_FOUND', 'Category not found');
	const check = await checked(tx, args);
	if (!check.ok) return refuseFields(tx.location, check.fields);
	await uniqueOrRefuse(
		() => tx.mutate.categories.update({ id: args.id, ...check.value }),
		'categories_slug_unique',
		'slug',
		SLUG_TAKEN_CATEGORY
	);
});

/** Archives (or restores) a category; customers no longer see it, the office still does. */
export const archiveCategory = defineMutator(archiveArgs, async ({ tx, args, ctx }) => {
	if (!officeMay(ctx, 'manage_services')) return refuse(tx.location, 'FORBIDDEN', FORBIDDEN);
	if (!(await tx.run(zql.categories.where('id', args.id).one())))
		return refuse(tx.location, 'NOT_FOUND', 'Category not found');
	if (args.archived) {
		const live = await tx.run(zql.services.where('categoryId', args.id).where('isActive', true));
		const problem = archiveCategoryProblem(live.length);
		if (problem) return refuse(tx.location, 'CATEGORY_IN_USE', problem);
	}
	await tx.mutate.categories.update({ id: args.id, isActive: !args.archived });
});
