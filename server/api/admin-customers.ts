import { and, asc, desc, eq, exists, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import {
	appointments,
	customerAppointments,
	customers,
	services,
	staff
} from '../../drizzle/schema.ts';
import type { AuthContext, OfficeScope } from '../../sync/auth.ts';
import { customerSearchTerm, phoneSearchPattern } from '../../sync/domain/customer-form.ts';
import { database, type Db } from '../db/client.ts';
import {
	flagParam,
	likeLiteral,
	notFoundHere,
	officeCaller,
	pageShape,
	paged,
	parseQuery,
	readPage,
	searchParam,
	strictQuery
} from './admin-query.ts';
import { ok } from './envelope.ts';

// GET /api/v1/admin/customers/ and /admin/customers/{id}/: customers in the same reach as the
// office's customer pages (sync/queries/people-scope.ts): a scoped manager's listed customers and
// everyone who ever booked one of their cleaners or at one of their locations.

const listQuery = strictQuery({
	...pageShape,
	q: searchParam,
	archived: flagParam('archived')
});

function inScope(db: Db, scope: OfficeScope): SQL | undefined {
	if (scope.all) return undefined;
	const booked = db
		.select({ one: sql`1` })
		.from(customerAppointments)
		.innerJoin(appointments, eq(appointments.id, customerAppointments.appointmentId))
		.where(
			and(
				eq(customerAppointments.customerId, customers.id),
				or(
					inArray(appointments.staffId, scope.staffIDs),
					inArray(appointments.locationId, scope.locationIDs)
				)
			)
		);
	return or(inArray(customers.id, scope.customerIDs), exists(booked));
}

/** The office's customer search: name, email or phone containing it, postcode starting with it. */
function matching(search: string | undefined): SQL | undefined {
	const term = customerSearchTerm(search ?? '');
	if (!term) return undefined;
	const literal = likeLiteral(term);
	return or(
		ilike(customers.name, `%${literal}%`),
		ilike(customers.email, `%${literal}%`),
		ilike(customers.phone, phoneSearchPattern(term) ?? `%${literal}%`),
		ilike(customers.postcode, `${literal}%`)
	);
}

const customerJson = (c: typeof customers.$inferSelect) => ({
	id: c.id,
	name: c.name,
	email: c.email,
	phone: c.phone,
	address_line1: c.addressLine1,
	address_line2: c.addressLine2,
	city: c.city,
	county: c.county,
	postcode: c.postcode,
	country: c.country,
	notes: c.notes,
	tags: c.tags,
	is_archived: c.isArchived,
	has_account: c.userId !== null,
	created_at: new Date(c.createdAt).toISOString()
});

export async function apiAdminCustomers(url: URL, caller: AuthContext | undefined) {
	const who = officeCaller(caller);
	if (!who.ok) return who.response;
	const parsed = parseQuery(listQuery, url);
	if (!parsed.ok) return parsed.response;
	const q = parsed.query;
	const { db } = database();
	const where = and(
		inScope(db, who.ctx.office),
		eq(customers.isArchived, q.archived ?? false),
		matching(q.q)
	);
	const { rows, page, total } = await readPage(
		q,
		(limit, offset) =>
			db
				.select()
				.from(customers)
				.where(where)
				.orderBy(asc(customers.name), asc(customers.id))
				.limit(limit)
				.offset(offset),
		{ db, from: customers, where }
	);
	return ok(paged(rows.map(customerJson), page, total));
}

/** One customer with their latest 100 bookings, newest first (as the office's customer page). */
export async function apiAdminCustomer(id: string, url: URL, caller: AuthContext | undefined) {
	const who = officeCaller(caller);
	if (!who.ok) return who.response;
	const parsed = parseQuery(strictQuery({}), url, id);
	if (!parsed.ok) return parsed.response;
	const { db } = database();
	const [row] = await db
		.select()
		.from(customers)
		.where(and(eq(customers.id, id), inScope(db, who.ctx.office)));
	if (!row) return notFoundHere('customer');
	const bookings = await db
		.select({
			id: customerAppointments.id,
			appointmentId: appointments.id,
			startTime: appointments.startTime,
			status: appointments.status,
			service: services.name,
			staff: staff.name,
			totalPrice: customerAppointments.totalPrice,
			paymentStatus: customerAppointments.paymentStatus
		})
		.from(customerAppointments)
		.innerJoin(appointments, eq(appointments.id, customerAppointments.appointmentId))
		.innerJoin(services, eq(services.id, appointments.serviceId))
		.innerJoin(staff, eq(staff.id, appointments.staffId))
		.where(eq(customerAppointments.customerId, id))
		.orderBy(desc(appointments.startTime))
		.limit(100);
	return ok({
		...customerJson(row),
		bookings: bookings.map((b) => ({
			id: b.id,
			appointment_id: b.appointmentId,
			start_time: new Date(b.startTime).toISOString(),
			status: b.status,
			service: b.service,
			staff: b.staff,
			total_price: b.totalPrice,
			payment_status: b.paymentStatus
		}))
	});
}
