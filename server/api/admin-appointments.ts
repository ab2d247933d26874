import { and, asc, eq, exists, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import {
	APPOINTMENT_STATUSES,
	appointmentNotes,
	appointments,
	customerAppointments,
	customers,
	services,
	staff
} from '../../drizzle/schema.ts';
import type { AuthContext, OfficeScope } from '../../sync/auth.ts';
import { addDays, localDayBounds } from '../../sync/domain/local-day.ts';
import { loadSettings } from '../booking/settings.ts';
import { database, type Db } from '../db/client.ts';
import {
	dayParam,
	notFoundHere,
	officeCaller,
	pageShape,
	paged,
	parseQuery,
	readPage,
	strictQuery,
	uuidParam
} from './admin-query.ts';
import { ok } from './envelope.ts';

// GET /api/v1/admin/appointments/ and /admin/appointments/{id}/: the office's bookings, read in
// the same scope as the office calendar (sync/queries/appointments.ts): a scoped manager reads the
// appointments of their cleaners or at their locations. Changes go through the bookings endpoints
// (cancel, reschedule) and the office app's mutators.

const listQuery = strictQuery({
	...pageShape,
	from: dayParam('from'),
	to: dayParam('to'),
	status: z
		.enum(APPOINTMENT_STATUSES, {
			error: `Give status as one of ${APPOINTMENT_STATUSES.join(', ')}`
		})
		.optional(),
	staff_id: uuidParam('staff_id'),
	customer_id: uuidParam('customer_id'),
	location_id: uuidParam('location_id')
}).superRefine(({ from, to }, ctx) => {
	if (from && to && to < from)
		ctx.addIssue({
			code: 'custom',
			path: ['to'],
			message: 'The last day must be on or after the first day'
		});
});

/** The appointments an office scope reaches, as SQL (matching officeCanManageAppointment). */
function inScope(scope: OfficeScope): SQL | undefined {
	if (scope.all) return undefined;
	return or(
		inArray(appointments.staffId, scope.staffIDs),
		inArray(appointments.locationId, scope.locationIDs)
	);
}

const appointmentColumns = {
	id: appointments.id,
	status: appointments.status,
	startTime: appointments.startTime,
	endTime: appointments.endTime,
	locationId: appointments.locationId,
	seriesId: appointments.seriesId,
	createdAt: appointments.createdAt,
	updatedAt: appointments.updatedAt,
	staffId: staff.id,
	staffName: staff.name,
	serviceId: services.id,
	serviceName: services.name
};

function appointmentRows(db: Db) {
	return db
		.select(appointmentColumns)
		.from(appointments)
		.innerJoin(staff, eq(staff.id, appointments.staffId))
		.innerJoin(services, eq(services.id, appointments.serviceId));
}

type Row = Awaited<ReturnType<ReturnType<typeof appointmentRows>['execute']>>[number];

/** Each appointment's bookings (one per customer; more than one for a shared service). */
async function bookingsOf(db: Db, ids: string[]) {
	if (!ids.length) return new Map<string, ReturnType<typeof bookingJson>[]>();
	const rows = await db
		.select({
			id: customerAppointments.id,
			appointmentId: customerAppointments.appointmentId,
			numberOfPersons: customerAppointments.numberOfPersons,
			extras: customerAppointments.extras,
			totalPrice: customerAppointments.totalPrice,
			depositPaid: customerAppointments.depositPaid,
			paymentStatus: customerAppointments.paymentStatus,
			customerId: customers.id,
			customerName: customers.name,
			customerEmail: customers.email,
			customerPhone: customers.phone,
			customerPostcode: customers.postcode
		})
		.from(customerAppointments)
		.innerJoin(customers, eq(customers.id, customerAppointments.customerId))
		.where(inArray(customerAppointments.appointmentId, ids))
		.orderBy(asc(customerAppointments.createdAt), asc(customerAppointments.id));
	const byAppointment = new Map<string, ReturnType<typeof bookingJson>[]>();
	for (const r of rows) {
		const list = byAppointment.get(r.appointmentId) ?? [];
		list.push(bookingJson(r));
		byAppointment.set(r.appointmentId, list);
	}
	return byAppointment;
}

function bookingJson(r: {
	id: string;
	numberOfPersons: number;
	extras: { extraId: string; name: string; quantity: number; price: number }[];
	totalPrice: number;
	depositPaid: number;
	paymentStatus: string;
	customerId: string;
	customerName: string;
	customerEmail: string;
	customerPhone: string;
	customerPostcode: string;
}) {
	return {
		id: r.id,
		customer: {
			id: r.customerId,
			name: r.customerName,
			email: r.customerEmail,
			phone: r.customerPhone,
			postcode: r.customerPostcode
		},
		number_of_persons: r.numberOfPersons,
		extras: r.extras.map((e) => ({
			extra_id: e.extraId,
			name: e.name,
			quantity: e.quantity,
			price: e.price
		})),
		total_price: r.totalPrice,
		deposit_paid: r.depositPaid,
		payment_status: r.paymentStatus
	};
}

const iso = (d: Date | number) => new Date(d).toISOString();

function appointmentJson(r: Row, bookings: ReturnType<typeof bookingJson>[]) {
	return {
		id: r.id,
		status: r.status,
		start_time: iso(r.startTime),
		end_time: iso(r.endTime),
		staff: { id: r.staffId, name: r.staffName },
		service: { id: r.serviceId, name: r.serviceName },
		location_id: r.locationId,
		series_id: r.seriesId,
		created_at: iso(r.createdAt),
		updated_at: iso(r.updatedAt),
		bookings
	};
}

export async function apiAdminAppointments(url: URL, caller: AuthContext | undefined) {
	const who = officeCaller(caller);
	if (!who.ok) return who.response;
	const parsed = parseQuery(listQuery, url);
	if (!parsed.ok) return parsed.response;
	const q = parsed.query;
	const { db } = database();
	const { timeZone } = await loadSettings(db);
	const where = and(
		inScope(who.ctx.office),
		q.from
			? gte(appointments.startTime, new Date(localDayBounds(q.from, timeZone).start))
			: undefined,
		q.to
			? lt(appointments.startTime, new Date(localDayBounds(addDays(q.to, 1), timeZone).start))
			: undefined,
		q.status ? eq(appointments.status, q.status) : undefined,
		q.staff_id ? eq(appointments.staffId, q.staff_id) : undefined,
		q.location_id ? eq(appointments.locationId, q.location_id) : undefined,
		q.customer_id
			? exists(
					db
						.select({ one: sql`1` })
						.from(customerAppointments)
						.where(
							and(
								eq(customerAppointments.appointmentId, appointments.id),
								eq(customerAppointments.customerId, q.customer_id)
							)
						)
				)
			: undefined
	);
	const { rows, page, total } = await readPage(
		q,
		(limit, offset) =>
			appointmentRows(db)
				.where(where)
				.orderBy(asc(appointments.startTime), asc(appointments.id))
				.limit(limit)
				.offset(offset),
		{ db, from: appointments, where }
	);
	const bookings = await bookingsOf(
		db,
		rows.map((r) => r.id)
	);
	const items = rows.map((r) => appointmentJson(r, bookings.get(r.id) ?? []));
	return ok(paged(items, page, total));
}

export async function apiAdminAppointment(id: string, url: URL, caller: AuthContext | undefined) {
	const who = officeCaller(caller);
	if (!who.ok) return who.response;
	const parsed = parseQuery(strictQuery({}), url, id);
	if (!parsed.ok) return parsed.response;
	const { db } = database();
	const [row] = await appointmentRows(db)
		.where(and(eq(appointments.id, id), inScope(who.ctx.office)))
		.limit(1);
	if (!row) return notFoundHere('appointment');
	const [bookings, [notes]] = await Promise.all([
		bookingsOf(db, [row.id]),
		db
			.select({ text: appointmentNotes.internalNotes })
			.from(appointmentNotes)
			.where(eq(appointmentNotes.appointmentId, row.id))
	]);
	return ok({
		...appointmentJson(row, bookings.get(row.id) ?? []),
		internal_notes: notes?.text ?? ''
	});
}
