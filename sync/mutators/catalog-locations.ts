import { defineMutator, type Transaction } from '@rocicorp/zero';
import { z } from 'zod';
import { isAdmin } from '../auth.ts';
import { tidy } from '../domain/form-rules.ts';
import { checkLocationForm, NAME_TAKEN_LOCATION } from '../domain/location-form.ts';
import { zql } from '../schema.ts';
import { archiveArgs } from './catalog-categories.ts';
import { refuse, refuseFields, uniqueOrRefuse } from './catalog-errors.ts';

// The business's branches. Admins only: a location decides which managers see which cleaners.
// Archived rather than deleted, since cleaners, bookings and managers' scopes refer to it.

export const saveLocationArgs = z.strictObject({
	id: z.uuid(),
	name: z.string().max(1000),
	addressLine1: z.string().max(1000),
	city: z.string().max(1000),
	postcode: z.string().max(100)
});
export type SaveLocationArgs = z.infer<typeof saveLocationArgs>;

const FORBIDDEN = 'Only an admin may change locations';

/** The rule, told whether another location has this name (in any case, as the unique index). */
async function checked(tx: Transaction, { id, ...form }: SaveLocationArgs) {
	const name = tidy(form.name).toLowerCase();
	const others = await tx.run(zql.locations.where('id', '!=', id));
	return checkLocationForm(form, { nameTaken: others.some((l) => l.name.toLowerCase() === name) });
}

const write = (run: () => Promise<void>) =>
	uniqueOrRefuse(run, 'locations_name_unique', 'name', NAME_TAKEN_LOCATION);

export const createLocation = defineMutator(saveLocationArgs, async ({ tx, args, ctx }) => {
	if (!isAdmin(ctx)) return refuse(tx.location, 'FORBIDDEN', FORBIDDEN);
	if (await tx.run(zql.locations.where('id', args.id).one()))
		return refuse(tx.location, 'ALREADY_EXISTS', 'This location was already saved');
	const check = await checked(tx, args);
	if (!check.ok) return refuseFields(tx.location, check.fields);
	await write(() => tx.mutate.locations.insert({ id: args.id, ...check.value, isActive: true }));
});

export const updateLocation = defineMutator(saveLocationArgs, async ({ tx, args, ctx }) => {
	if (!isAdmin(ctx)) return refuse(tx.location, 'FORBIDDEN', FORBIDDEN);
	if (!(await tx.run(zql.locations.where('id', args.id).one())))
		return refuse(tx.location, 'NOT_FOUND', 'Location not found');
	const check = await checked(tx, args);
	if (!check.ok) return refuseFields(tx.location, check.fields);
	await write(() => tx.mutate.locations.update({ id: args.id, ...check.value }));
});

export const archiveLocation = defineMutator(archiveArgs, async ({ tx, args, ctx }) => {
	if (!isAdmin(ctx)) return refuse(tx.location, 'FORBIDDEN', FORBIDDEN);
	if (!(await tx.run(zql.locations.where('id', args.id).one())))
		return refuse(tx.location, 'NOT_FOUND', 'Location not found');
	await tx.mutate.locations.update({ id: args.id, isActive: !args.archived });
});
