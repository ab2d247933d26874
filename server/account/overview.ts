import { asc, desc, eq } from 'drizzle-orm';
import {
	appointments,
	customerAppointments,
	customers,
	invoices,
	services
} from '../../drizzle/schema.ts';
import type { DbOrTx } from '../db/client.ts';

/** A customer's bookings, oldest first, with what their list shows and the link to each. */
export async function customerBookings(db: DbOrTx, customerId: string) {
	const rows = await db
		.select({
			id: appointments.id,
			start: appointments.startTime,
			end: appointments.endTime,
			status: appointments.status,
			service: services.name,
			token: customerAppointments.cancellationToken,
			totalPrice: customerAppointments.totalPrice,
			paymentStatus: customerAppointments.paymentStatus
		})
		.from(customerAppointments)
		.innerJoin(appointments, eq(appointments.id, customerAppointments.appointmentId))
		.innerJoin(services, eq(services.id, appointments.serviceId))
		.where(eq(customerAppointments.customerId, customerId))
		.orderBy(asc(appointments.startTime));
	return rows.map((r) => ({ ...r, start: r.start.getTime(), end: r.end.getTime() }));
}

/** A customer's invoices, newest first, with the booking each belongs to (for its PDF link). */
export async function customerInvoices(db: DbOrTx, customerId: string) {
	return db
		.select({
			number: invoices.invoiceNumber,
			total: invoices.totalAmount,
			status: invoices.status,
			bookingId: customerAppointments.appointmentId,
			token: customerAppointments.cancellationToken
		})
		.from(invoices)
		.innerJoin(customerAppointments, eq(customerAppointments.id, invoices.customerAppointmentId))
		.where(eq(invoices.customerId, customerId))
		.orderBy(desc(invoices.invoiceNumber));
}

/**
 * What the account page shows: the customer record (null before the first booking), bookings and
 * invoices.
 */
export async function accountOverview(db: DbOrTx, userId: string) {
	const [customer] = await db.select().from(customers).where(eq(customers.userId, userId));
	if (!customer) return { customer: null, bookings: [], invoices: [] };
	const [bookings, invoiceList] = await Promise.all([
		customerBookings(db, customer.id),
		customerInvoices(db, customer.id)
	]);
	return { customer, bookings, invoices: invoiceList };
}
