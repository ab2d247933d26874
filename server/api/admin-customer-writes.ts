import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { customers } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import type { CustomerFormInput } from '../../sync/domain/customer-form.ts';
import { database } from '../db/client.ts';
import { serverMutators } from '../zero/mutators.ts';
import { apiAdminCustomer } from './admin-customers.ts';
import { officeCaller } from './admin-query.ts';
import { customerBody } from './admin-bodies.ts';
import { created, officeCallerOf, parseWriteBody } from './admin-writes.ts';
import { runMutation } from './mutations.ts';

// POST /api/v1/admin/customers/, PATCH and DELETE /api/v1/admin/customers/{id}/: the office's
// add, edit and archive of a customer, through the same mutators as the app (customers.create,
// .update, .archive), so the checks, the scope and the audit row are the app's. The answer is the
// customer as GET reads it.

type Body = z.infer<typeof customerBody>;
type Row = typeof customers.$inferSelect;

/** The form the mutators check: the fields given, the others from `row` (or empty). */
const formOf = (b: Body, row?: Row): CustomerFormInput => ({
	name: b.name ?? row?.name ?? '',
	email: b.email ?? row?.email ?? '',
	phone: b.phone ?? row?.phone ?? '',
	addressLine1: b.address_line1 ?? row?.addressLine1 ?? '',
	addressLine2: b.address_line2 ?? row?.addressLine2 ?? '',
	city: b.city ?? row?.city ?? '',
	county: b.county ?? row?.county ?? '',
	postcode: b.postcode ?? row?.postcode ?? '',
	notes: b.notes ?? row?.notes ?? '',
	tags: (b.tags ?? row?.tags ?? []).join(', ')
});

/**
 * Adds a customer (201). A scoped manager's new customer is listed for them, so they read it
 * back (and, like the app's, reach it from then on).
 */
export async function apiCreateCustomer(
	url: URL,
	request: Request,
	caller: AuthContext | undefined
) {
	const who = officeCaller(caller);
	if (!who.ok) return who.response;
	const parsed = await parseWriteBody(request, customerBody);
	if (!parsed.ok) return parsed.response;
	const id = uuidv7();
	const refused = await runMutation(
		serverMutators.customers.create,
		{ id, form: formOf(parsed.data) },
		who.ctx
	);
	if (refused) return refused;
	const scope = who.ctx.office;
	const reader = scope.all
		? who.ctx
		: { ...who.ctx, office: { ...scope, customerIDs: [...scope.customerIDs, id] } };
	return created(apiAdminCustomer(id, new URL(url.origin), reader));
}

/** Changes the fields given; the others keep their value (the form is checked as a whole). */
export async function apiPatchCustomer(
	id: string,
	url: URL,
	request: Request,
	caller: AuthContext | undefined
) {
	const who = officeCallerOf(caller, id);
	if (!who.ok) return who.response;
	const parsed = await parseWriteBody(request, customerBody);
	if (!parsed.ok) return parsed.response;
	// Read only to fill the fields not given; the mutator checks the reach itself (404 outside it).
	const [row] = await database().db.select().from(customers).where(eq(customers.id, id));
	const form = formOf(parsed.data, row);
	const refused = await runMutation(serverMutators.customers.update, { id, form }, who.ctx);
	return refused ?? apiAdminCustomer(id, new URL(url.origin), who.ctx);
}

/** Archives: kept for their bookings and invoices, out of the lists (GET ?archived=true finds it). */
export async function apiArchiveCustomer(id: string, url: URL, caller: AuthContext | undefined) {
	const who = officeCallerOf(caller, id);
	if (!who.ok) return who.response;
	const refused = await runMutation(
		serverMutators.customers.archive,
		{ id, archived: true },
		who.ctx
	);
	return refused ?? apiAdminCustomer(id, new URL(url.origin), who.ctx);
}
