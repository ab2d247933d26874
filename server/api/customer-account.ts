import { eq } from 'drizzle-orm';
import { customers } from '../../drizzle/schema.ts';
import { customerBookings, customerInvoices } from '../account/overview.ts';
import { saveProfile } from '../account/profile.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { database } from '../db/client.ts';
import { parseQuery, strictQuery } from './admin-query.ts';
import { fail, ok, readJson } from './envelope.ts';

// customers/profile, customers/appointments, customers/invoices: the signed-in customer's own
// account over REST, through the same functions as the account page (server/account/*).

type Gate = { ok: true; user: SessionUser } | { ok: false; response: Response };

function customerCaller(user: SessionUser | null, url: URL): Gate {
	if (!user) return { ok: false, response: fail(401, 'UNAUTHORIZED', 'Sign in as a customer') };
	if (user.role !== 'customer')
		return { ok: false, response: fail(403, 'FORBIDDEN', 'This is for customers’ own accounts') };
	const query = parseQuery(strictQuery({}), url);
	if (!query.ok) return query;
	return { ok: true, user };
}

async function customerOf(userId: string) {
	const [row] = await database().db.select().from(customers).where(eq(customers.userId, userId));
	return row ?? null;
}

/** Before the first booking or save there is no customer record: the account's name and email. */
async function profileOf(user: SessionUser) {
	const c = await customerOf(user.id);
	return {
		email: user.email,
		name: c?.name ?? user.name,
		phone: c?.phone ?? '',
		address_line1: c?.addressLine1 ?? '',
		address_line2: c?.addressLine2 ?? '',
		city: c?.city ?? '',
		postcode: c?.postcode ?? ''
	};
}

export async function apiGetProfile(user: SessionUser | null, url: URL) {
	const who = customerCaller(user, url);
	if (!who.ok) return who.response;
	return ok(await profileOf(who.user));
}

/** PUT: name, phone and address, all of them (the email is the account's, changed elsewhere). */
export async function apiPutProfile(user: SessionUser | null, url: URL, request: Request) {
	const who = customerCaller(user, url);
	if (!who.ok) return who.response;
	const body = await readJson(request);
	if (body === null || typeof body !== 'object' || Array.isArray(body))
		return fail(400, 'VALIDATION_ERROR', 'The request body must be a JSON object');
	const unknown = Object.keys(body).filter((k) => !PROFILE_FIELDS.includes(k));
	if (unknown.length)
		return fail(
			422,
			'VALIDATION_ERROR',
			'Some of the details are not valid',
			Object.fromEntries(unknown.map((k) => [k, ['This field cannot be changed here']]))
		);
	const saved = await saveProfile(database().db, who.user, body);
	if (!saved.ok)
		return fail(422, 'VALIDATION_ERROR', 'Some of the details are not valid', saved.fields);
	return ok(await profileOf(who.user));
}

export const PROFILE_FIELDS = [
	'name',
	'phone',
	'address_line1',
	'address_line2',
	'city',
	'postcode'
];

export async function apiCustomerAppointments(user: SessionUser | null, url: URL) {
	const who = customerCaller(user, url);
	if (!who.ok) return who.response;
	const c = await customerOf(who.user.id);
	const rows = c ? await customerBookings(database().db, c.id) : [];
	return ok({
		appointments: rows.map((b) => ({
			id: b.id,
			start_time: new Date(b.start).toISOString(),
			end_time: new Date(b.end).toISOString(),
			status: b.status,
			service: b.service,
			total_price: b.totalPrice,
			payment_status: b.paymentStatus
		}))
	});
}

export async function apiCustomerInvoices(user: SessionUser | null, url: URL) {
	const who = customerCaller(user, url);
	if (!who.ok) return who.response;
	const c = await customerOf(who.user.id);
	const rows = c ? await customerInvoices(database().db, c.id) : [];
	return ok({
		invoices: rows.map((i) => ({
			number: i.number,
			total: i.total,
			status: i.status,
			appointment_id: i.bookingId,
			// Signed in, the customer needs no token for their own booking's invoice.
			pdf_url: i.bookingId ? `/booking/${i.bookingId}/invoice.pdf` : null
		}))
	});
}
