import { defineMutator, type Transaction } from '@rocicorp/zero';
import { z } from 'zod';
import type { AuthContext } from '../auth.ts';
import { checkCustomerForm } from '../domain/customer-form.ts';
import { zql } from '../schema.ts';
import { customerInScope } from '../queries/people-scope.ts';
import { CHECK_FIELDS, refuse } from './people-refuse.ts';

// Customers: the office adds them by hand, edits their contact details, address, notes and tags,
// and archives them. Who: any office user, for customers in their reach (see
// queries/people-scope.ts: what a manager sees is what they may change). Most customers are made
// by their first booking instead.

const text = z.string().max(10_000);
export const customerFormArgs = z.strictObject({
	name: text,
	email: text,
	phone: text,
	addressLine1: text,
	addressLine2: text,
	city: text,
	county: text,
	postcode: text,
	notes: text,
	tags: text
});
export const createCustomerArgs = z.strictObject({
	/** Made by the caller, so the optimistic row and the server's are the same row. */
	id: z.uuid(),
	form: customerFormArgs
});
export const updateCustomerArgs = z.strictObject({ id: z.uuid(), form: customerFormArgs });
export const archiveCustomerArgs = z.strictObject({ id: z.uuid(), archived: z.boolean() });

async function customerInReach(tx: Transaction, id: string, ctx: AuthContext | undefined) {
	const scope = ctx?.office;
	if (!scope) {
		refuse(tx.location, 'FORBIDDEN', 'You may not change customers');
		return null;
	}
	let q = zql.customers.where('id', id);
	if (!scope.all) q = q.where(customerInScope(scope));
	const row = await tx.run(q.one());
	// Out of reach reads as not found: a manager learns nothing of customers beyond their scope.
	if (!row) refuse(tx.location, 'NOT_FOUND', 'Customer not found');
	return row ?? null;
}

export const SAME_CUSTOMER = 'A customer with this email already lives at this postcode';

/**
 * Adds a customer by hand. Refused when one with the same email already lives at the same
 * postcode: the booking engine finds a returning customer by exactly that pair, so a second
 * record would split their bookings. A scoped manager's new customer is listed for them
 * (manager_customers), so it is in their reach from then on, as a cleaner they add is.
 */
export const createCustomer = defineMutator(createCustomerArgs, async ({ tx, args, ctx }) => {
	const scope = ctx?.office;
	if (!ctx || !scope) return refuse(tx.location, 'FORBIDDEN', 'You may not add customers');
	if (await tx.run(zql.customers.where('id', args.id).one()))
		return refuse(tx.location, 'ALREADY_EXISTS', 'This customer was already saved');
	const check = checkCustomerForm(args.form);
	if (!check.ok) return refuse(tx.location, 'VALIDATION_ERROR', CHECK_FIELDS, check.fields);
	const value = check.value;
	const twin = await tx.run(
		zql.customers.where('email', value.email).where('postcode', value.postcode).one()
	);
	if (twin) return refuse(tx.location, 'VALIDATION_ERROR', CHECK_FIELDS, { email: SAME_CUSTOMER });
	await tx.mutate.customers.insert({
		id: args.id,
		...value,
		isArchived: false,
		addressValidated: false,
		createdAt: Date.now()
	});
	if (scope.all) return;
	// On a device without the managers row the server still adds the link.
	const manager = await tx.run(zql.managers.where('userId', ctx.userID).one());
	if (manager)
		await tx.mutate.managerCustomers.insert({ managerId: manager.id, customerId: args.id });
});

/**
 * Saves the office's edit of a customer. The email is where we write to them; a customer with a
 * sign-in account keeps signing in with the account's own email (changed from their account page).
 * The address is no longer marked validated when it changes: nobody checked the new one.
 */
export const updateCustomer = defineMutator(updateCustomerArgs, async ({ tx, args, ctx }) => {
	const row = await customerInReach(tx, args.id, ctx);
	if (!row) return;
	const check = checkCustomerForm(args.form);
	if (!check.ok) return refuse(tx.location, 'VALIDATION_ERROR', CHECK_FIELDS, check.fields);
	const value = check.value;
	const moved =
		value.addressLine1 !== row.addressLine1 ||
		value.addressLine2 !== row.addressLine2 ||
		value.city !== row.city ||
		value.postcode !== row.postcode;
	await tx.mutate.customers.update({
		id: args.id,
		...value,
		...(moved ? { addressValidated: false } : {})
	});
});

/** Archives (or restores) a customer: kept for their bookings and invoices, out of the lists. */
export const archiveCustomer = defineMutator(archiveCustomerArgs, async ({ tx, args, ctx }) => {
	const row = await customerInReach(tx, args.id, ctx);
	if (!row) return;
	await tx.mutate.customers.update({ id: args.id, isArchived: args.archived });
});
