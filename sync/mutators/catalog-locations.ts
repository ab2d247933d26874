import { defineMutator } from '@rocicorp/zero';
import { z } from 'zod';
import { isAdmin } from '../auth.ts';
import { checkLocationForm } from '../domain/location-form.ts';
import { zql } from '../schema.ts';
import { archiveArgs } from './catalog-categories.ts';
import { refuse, refuseFields } from './catalog-errors.ts';

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

export const createLocation = defineMutator(saveLocationArgs, async ({ tx, args, ctx }) => {
	if (!isAdmin(ctx)) return refuse(tx.location, 'FORBIDDEN', FORBIDDEN);
	if (await tx.run(zql.locations.where('id', args.id).one()))
		return refuse(tx.location, 'ALREADY_EXISTS', 'This location was already saved');
	const { id, ...form } = args;
	const check = checkLocationForm(form);
	if (!check.ok) return refuseFields(tx.location, check.fields);
	await tx.mutate.locations.insert({ id, ...check.value, isActive: true });
});

export const updateLocation = defineMutator(saveLocationArgs, async ({ tx, args, ctx }) => {
	if (!isAdmin(ctx)) return refuse(tx.location, 'FORBIDDEN', FORBIDDEN);
	if (!(await tx.run(zql.locations.where('id', args.id).one())))
		return refuse(tx.location, 'NOT_FOUND', 'Location not found');
	const { id, ...form } = args;
	const check = checkLocationForm(form);
	if (!check.ok) return refuseFields(tx.location, check.fields);
	await tx.mutate.locations.update({ id, ...check.value });
});

export const archiveLocation = defineMutator(archiveArgs, async ({ tx, args, ctx }) => {
	if (!isAdmin(ctx)) return refuse(tx.location, 'FORBIDDEN', FORBIDDEN);
	if (!(await tx.run(zql.locations.where('id', args.id).one())))
		return refuse(tx.location, 'NOT_FOUND', 'Location not found');
	await tx.mutate.locations.update({ id: args.id, isActive: !args.archived });
});
