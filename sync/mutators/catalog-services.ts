import { defineMutator, type Transaction } from '@rocicorp/zero';
import { z } from 'zod';
import { officeMay } from '../auth.ts';
import {
	checkServiceForm,
	DEPOSIT_KINDS,
	SLUG_TAKEN_SERVICE,
	type ServiceForm
} from '../domain/service-form.ts';
import { zql } from '../schema.ts';
import { archiveArgs } from './catalog-categories.ts';
import { isUuid, refuse, refuseFields, uniqueOrRefuse } from './catalog-errors.ts';

// Services of the catalogue: what customers book. Never deleted (bookings refer to them): an
// archived service is still the office's to see and restore, but the public catalogue, the slot
// search and the booking engine all leave it out (they read `is_active`).

const questionShape = z.strictObject({
	key: z.string().max(200),
	label: z.string().max(1000),
	type: z.enum(['text', 'choice']),
	required: z.boolean(),
	options: z.array(z.string().max(1000)).max(100),
	maxLength: z.number().nullable()
});

// Loose types: the form rule, not the schema, names what is wrong with each field.
export const saveServiceArgs = z.strictObject({
	id: z.uuid(),
	categoryId: z.string().max(100),
	name: z.string().max(1000),
	slug: z.string().max(1000),
	description: z.string().max(10_000),
	durationMinutes: z.number(),
	price: z.number(),
	paddingBeforeMinutes: z.number(),
	paddingAfterMinutes: z.number(),
	capacity: z.number(),
	color: z.string().max(100),
	depositKind: z.enum(DEPOSIT_KINDS),
	depositValue: z.number(),
	checklist: z.string().max(20_000),
	questions: z.array(questionShape).max(100),
	position: z.number()
});
export type SaveServiceArgs = z.infer<typeof saveServiceArgs>;

const FORBIDDEN = 'You may not change the catalogue';

async function checked(tx: Transaction, args: SaveServiceArgs, active: boolean) {
	const { id, ...form } = args;
	const category = isUuid(args.categoryId)
		? await tx.run(zql.categories.where('id', args.categoryId).one())
		: undefined;
	const other = await tx.run(zql.services.where('slug', args.slug).where('id', '!=', id).one());
	return checkServiceForm(form satisfies ServiceForm, {
		category: category ?? null,
		active,
		slugTaken: !!other
	});
}

export const createService = defineMutator(saveServiceArgs, async ({ tx, args, ctx }) => {
	if (!officeMay(ctx, 'manage_services')) return refuse(tx.location, 'FORBIDDEN', FORBIDDEN);
	if (await tx.run(zql.services.where('id', args.id).one()))
		return refuse(tx.location, 'ALREADY_EXISTS', 'This service was already saved');
	const check = await checked(tx, args, true);
	if (!check.ok) return refuseFields(tx.location, check.fields);
	// Prices are in the business's currency (on a device without the settings row, the default).
	const settings = await tx.run(zql.businessSettings.where('id', 1).one());
	await uniqueOrRefuse(
		() =>
			tx.mutate.services.insert({
				id: args.id,
				...check.value,
				currency: settings?.currency ?? 'GBP',
				isActive: true
			}),
		'services_slug_unique',
		'slug',
		SLUG_TAKEN_SERVICE
	);
});

export const updateService = defineMutator(saveServiceArgs, async ({ tx, args, ctx }) => {
	if (!officeMay(ctx, 'manage_services')) return refuse(tx.location, 'FORBIDDEN', FORBIDDEN);
	const existing = await tx.run(zql.services.where('id', args.id).one());
	if (!existing) return refuse(tx.location, 'NOT_FOUND', 'Service not found');
	const check = await checked(tx, args, existing.isActive ?? true);
	if (!check.ok) return refuseFields(tx.location, check.fields);
	await uniqueOrRefuse(
		() => tx.mutate.services.update({ id: args.id, ...check.value }),
		'services_slug_unique',
		'slug',
		SLUG_TAKEN_SERVICE
	);
});

/**
 * Archives (or restores) a service. Bookings already made keep it; new ones cannot choose it.
 * A service is restored only into a category that is itself offered.
 */
export const archiveService = defineMutator(archiveArgs, async ({ tx, args, ctx }) => {
	if (!officeMay(ctx, 'manage_services')) return refuse(tx.location, 'FORBIDDEN', FORBIDDEN);
	const service = await tx.run(zql.services.where('id', args.id).one());
	if (!service) return refuse(tx.location, 'NOT_FOUND', 'Service not found');
	if (!args.archived) {
		const category = await tx.run(zql.categories.where('id', service.categoryId).one());
		if (!category?.isActive) {
			const message = 'Its category is archived: restore the category or move the service first';
			return refuse(tx.location, 'VALIDATION_ERROR', message, { categoryId: message });
		}
	}
	await tx.mutate.services.update({ id: args.id, isActive: !args.archived });
});
