import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { customers } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { database } from '../db/client.ts';
import { serverMutators } from '../zero/mutators.ts';
import { apiAdminCustomer } from './admin-customers.ts';
import { officeCaller } from './admin-query.ts';
import { fail } from './envelope.ts';
import { runMutation } from './mutations.ts';
import { parseJsonBody } from './validation.ts';

// PATCH and DELETE /api/v1/admin/customers/{id}/: the office's edit and archive of a customer,
// through the same mutators as the app (customers.update, customers.archive), so the checks, the
// scope and the audit row are the app's. The answer is the customer as GET reads it.

const line = z.string({ error: 'Give this as text' }).max(10_000, 'This is too long');
const patchBody = z.strictObject({
	name: line.optional(),
	email: line.optional(),
	phone: line.optional(),
	address_line1: line.optional(),
	address_line2: line.optional(),
	city: line.optional(),
	county: line.optional(),
	postcode: line.optional(),
	notes: line.optional(),
	tags: z.array(line, { error: 'Give tags as a list of words' }).max(100).optional()
});

const badId = () =>
	fail(422, 'VALIDATION_ERROR', 'Some of the details are not valid', {
		id: ['Give the id as a UUID']
	});

/** Changes the fields given; the others keep their value (the form is checked as a whole). */
export async function apiPatchCustomer(
	id: string,
	url: URL,
	request: Request,
	caller: AuthContext | undefined
) {
	const who = officeCaller(caller);
	if (!who.ok) return who.response;
	if (!z.uuid().safeParse(id).success) return badId();
	const parsed = await parseJsonBody(request, patchBody);
	if (!parsed.ok) return parsed.response;
	// Read only to fill the fields not given; the mutator checks the reach itself (404 outside it).
	const [row] = await database().db.select().from(customers).where(eq(customers.id, id));
	const b = parsed.data;
	const form = {
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
	};
	const refused = await runMutation(serverMutators.customers.update, { id, form }, who.ctx);
	return refused ?? apiAdminCustomer(id, new URL(url.origin), who.ctx);
}

/** Archives: kept for their bookings and invoices, out of the lists (GET ?archived=true finds it). */
export async function apiArchiveCustomer(id: string, url: URL, caller: AuthContext | undefined) {
	const who = officeCaller(caller);
	if (!who.ok) return who.response;
	if (!z.uuid().safeParse(id).success) return badId();
	const refused = await runMutation(
		serverMutators.customers.archive,
		{ id, archived: true },
		who.ctx
	);
	return refused ?? apiAdminCustomer(id, new URL(url.origin), who.ctx);
}
