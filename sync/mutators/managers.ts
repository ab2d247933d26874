import { defineMutator, type Transaction } from '@rocicorp/zero';
import { z } from 'zod';
import { isAdmin, OFFICE_PERMISSIONS, type AuthContext } from '../auth.ts';
import { checkManagerForm, type ManagerForm } from '../domain/manager-form.ts';
import { zql } from '../schema.ts';
import { CHECK_FIELDS, refuse } from './people-refuse.ts';
import { EMAIL_TAKEN, isUuid } from './staff.ts';

// Managers and their reach, for admins alone: create the account (role 'manager', no password
// until one is issued), set what they may do and reach, archive. A change of reach applies to
// their next request to the server: every mutation, and zero-cache's next re-run of their synced
// queries (see the README's note on people in the office).

const ids = z.array(z.string().max(100)).max(1000);
export const managerFormArgs = z.strictObject({
	name: z.string().max(1000),
	email: z.string().max(1000),
	canManageAll: z.boolean(),
	permissions: z.array(z.string().max(100)).max(50),
	locationIds: ids,
	staffIds: ids,
	customerIds: ids
});
export const createManagerArgs = z.strictObject({
	id: z.uuid(),
	userId: z.uuid(),
	form: managerFormArgs
});
export const updateManagerArgs = z.strictObject({ id: z.uuid(), form: managerFormArgs });
export const archiveManagerArgs = z.strictObject({ id: z.uuid(), archived: z.boolean() });

const PERMISSION_NAMES = Object.keys(OFFICE_PERMISSIONS);
const FORBIDDEN = 'Only an admin may manage managers';

async function checkForm(tx: Transaction, form: ManagerForm, userId: string) {
	const check = checkManagerForm(form, { permissionNames: PERMISSION_NAMES });
	if (!check.ok) return check;
	const v = check.value;
	const fields: Record<string, string> = {};
	// Every chosen id must exist (a stale picker could send a deleted one).
	const count = (table: 'locations' | 'staff' | 'customers', chosen: string[]) =>
		table === 'locations'
			? tx.run(zql.locations.where('id', 'IN', chosen))
			: table === 'staff'
				? tx.run(zql.staff.where('id', 'IN', chosen))
				: tx.run(zql.customers.where('id', 'IN', chosen));
	const missing = async (table: 'locations' | 'staff' | 'customers', chosen: string[]) =>
		chosen.length > 0 &&
		(!chosen.every(isUuid) || (await count(table, chosen)).length !== chosen.length);
	if (await missing('locations', v.locationIds))
		fields.locationIds = 'Choose locations from the list';
	if (await missing('staff', v.staffIds)) fields.staffIds = 'Choose cleaners from the list';
	if (await missing('customers', v.customerIds))
		fields.customerIds = 'Choose customers from the list';
	const owner = await tx.run(zql.users.where('email', v.email).one());
	if (owner && owner.id !== userId) fields.email = EMAIL_TAKEN;
	if (Object.keys(fields).length) return { ok: false as const, fields };
	return check;
}

/** The permissions column holds every known permission, granted or not. */
const permissionRecord = (granted: string[]) =>
	Object.fromEntries(PERMISSION_NAMES.map((name) => [name, granted.includes(name)]));

/** Makes the manager's reach rows equal the form's. */
async function writeReach(tx: Transaction, managerId: string, v: ManagerForm) {
	const [locations, staff, customers] = await Promise.all([
		tx.run(zql.managerLocations.where('managerId', managerId)),
		tx.run(zql.managerStaff.where('managerId', managerId)),
		tx.run(zql.managerCustomers.where('managerId', managerId))
	]);
	for (const r of locations)
		if (!v.locationIds.includes(r.locationId))
			await tx.mutate.managerLocations.delete({ managerId, locationId: r.locationId });
	for (const id of v.locationIds)
		if (!locations.some((r) => r.locationId === id))
			await tx.mutate.managerLocations.insert({ managerId, locationId: id });
	for (const r of staff)
		if (!v.staffIds.includes(r.staffId))
			await tx.mutate.managerStaff.delete({ managerId, staffId: r.staffId });
	for (const id of v.staffIds)
		if (!staff.some((r) => r.staffId === id))
			await tx.mutate.managerStaff.insert({ managerId, staffId: id });
	for (const r of customers)
		if (!v.customerIds.includes(r.customerId))
			await tx.mutate.managerCustomers.delete({ managerId, customerId: r.customerId });
	for (const id of v.customerIds)
		if (!customers.some((r) => r.customerId === id))
			await tx.mutate.managerCustomers.insert({ managerId, customerId: id });
}

const adminOnly = (tx: Transaction, ctx: AuthContext | undefined) => {
	if (isAdmin(ctx) && ctx?.office) return true;
	refuse(tx.location, 'FORBIDDEN', FORBIDDEN);
	return false;
};

export const createManager = defineMutator(createManagerArgs, async ({ tx, args, ctx }) => {
	if (!adminOnly(tx, ctx)) return;
	const [same, sameUser] = await Promise.all([
		tx.run(zql.managers.where('id', args.id).one()),
		tx.run(zql.users.where('id', args.userId).one())
	]);
	if (same || sameUser)
		return refuse(tx.location, 'ALREADY_EXISTS', 'This manager was already saved');
	const check = await checkForm(tx, args.form, args.userId);
	if (!check.ok) return refuse(tx.location, 'VALIDATION_ERROR', CHECK_FIELDS, check.fields);
	const v = check.value;
	const now = Date.now();
	await tx.mutate.users.insert({
		id: args.userId,
		email: v.email,
		username: v.email,
		name: v.name,
		role: 'manager',
		isActive: true,
		isStaff: true,
		isSuperuser: false,
		dateJoined: now
	});
	await tx.mutate.profiles.insert({ id: crypto.randomUUID(), userId: args.userId });
	await tx.mutate.managers.insert({
		id: args.id,
		userId: args.userId,
		canManageAll: v.canManageAll,
		permissions: permissionRecord(v.permissions),
		createdAt: now
	});
	await writeReach(tx, args.id, v);
});

async function existing(tx: Transaction, id: string) {
	const row = await tx.run(zql.managers.where('id', id).one());
	if (!row) refuse(tx.location, 'NOT_FOUND', 'Manager not found');
	return row ?? null;
}

export const updateManager = defineMutator(updateManagerArgs, async ({ tx, args, ctx }) => {
	if (!adminOnly(tx, ctx)) return;
	const row = await existing(tx, args.id);
	if (!row) return;
	const check = await checkForm(tx, args.form, row.userId);
	if (!check.ok) return refuse(tx.location, 'VALIDATION_ERROR', CHECK_FIELDS, check.fields);
	const v = check.value;
	await tx.mutate.users.update({ id: row.userId, name: v.name, email: v.email, username: v.email });
	await tx.mutate.managers.update({
		id: args.id,
		canManageAll: v.canManageAll,
		permissions: permissionRecord(v.permissions)
	});
	await writeReach(tx, args.id, v);
});

/**
 * Archives (or restores) a manager: their account is deactivated, so no request of theirs is
 * accepted any more; the server also ends their sessions in the same transaction.
 */
export const archiveManager = defineMutator(archiveManagerArgs, async ({ tx, args, ctx }) => {
	if (!adminOnly(tx, ctx)) return;
	const row = await existing(tx, args.id);
	if (!row) return;
	await tx.mutate.users.update({ id: row.userId, isActive: !args.archived });
});
