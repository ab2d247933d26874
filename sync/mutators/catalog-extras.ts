import { defineMutator, type Transaction } from '@rocicorp/zero';
import { z } from 'zod';
import { officeMay } from '../auth.ts';
import { checkExtraForm, NAME_TAKEN_EXTRA } from '../domain/extra-form.ts';
import { tidy } from '../domain/form-rules.ts';
import { zql } from '../schema.ts';
import { archiveArgs } from './catalog-categories.ts';
import { isUuid, refuse, refuseFields, uniqueOrRefuse } from './catalog-errors.ts';

// Extras booked with a service (e.g. inside the oven). Archived rather than deleted, since
// bookings list the extras they were made with; the booking engine refuses an archived one.

export const saveExtraArgs = z.strictObject({
	id: z.uuid(),
	serviceId: z.string().max(100),
	name: z.string().max(1000),
	price: z.number(),
	durationMinutes: z.number(),
	maxQuantity: z.number(),
	position: z.number()
});
export type SaveExtraArgs = z.infer<typeof saveExtraArgs>;

const FORBIDDEN = 'You may not change the catalogue';

async function checked(tx: Transaction, { id, ...form }: SaveExtraArgs) {
	const service = isUuid(form.serviceId)
		? await tx.run(zql.services.where('id', form.serviceId).one())
		: undefined;
	// Names compare in any case, as the unique index does (lower(name)).
	const name = tidy(form.name).toLowerCase();
	const siblings = service
		? await tx.run(zql.serviceExtras.where('serviceId', service.id).where('id', '!=', id))
		: [];
	const nameTaken = siblings.some((e) => e.name.toLowerCase() === name);
	return checkExtraForm(form, { service: service ?? null, nameTaken });
}

/** The write, with the unique index's refusal (two offices at once) on the name. */
const write = (run: () => Promise<void>) =>
	uniqueOrRefuse(run, 'service_extras_service_name_unique', 'name', NAME_TAKEN_EXTRA);

export const createExtra = defineMutator(saveExtraArgs, async ({ tx, args, ctx }) => {
	if (!officeMay(ctx, 'manage_services')) return refuse(tx.location, 'FORBIDDEN', FORBIDDEN);
	if (await tx.run(zql.serviceExtras.where('id', args.id).one()))
		return refuse(tx.location, 'ALREADY_EXISTS', 'This extra was already saved');
	const check = await checked(tx, args);
	if (!check.ok) return refuseFields(tx.location, check.fields);
	await write(() =>
		tx.mutate.serviceExtras.insert({ id: args.id, ...check.value, isActive: true })
	);
});

export const updateExtra = defineMutator(saveExtraArgs, async ({ tx, args, ctx }) => {
	if (!officeMay(ctx, 'manage_services')) return refuse(tx.location, 'FORBIDDEN', FORBIDDEN);
	if (!(await tx.run(zql.serviceExtras.where('id', args.id).one())))
		return refuse(tx.location, 'NOT_FOUND', 'Extra not found');
	const check = await checked(tx, args);
	if (!check.ok) return refuseFields(tx.location, check.fields);
	await write(() => tx.mutate.serviceExtras.update({ id: args.id, ...check.value }));
});

export const archiveExtra = defineMutator(archiveArgs, async ({ tx, args, ctx }) => {
	if (!officeMay(ctx, 'manage_services')) return refuse(tx.location, 'FORBIDDEN', FORBIDDEN);
	if (!(await tx.run(zql.serviceExtras.where('id', args.id).one())))
		return refuse(tx.location, 'NOT_FOUND', 'Extra not found');
	await tx.mutate.serviceExtras.update({ id: args.id, isActive: !args.archived });
});
