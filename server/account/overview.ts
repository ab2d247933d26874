import { asc, eq } from 'drizzle-orm';
import { appointments, customerAppointments, customers, services } from '../../drizzle/schema.ts';
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

/** What the account page shows: the customer record (null before the first booking) and bookings. */
export async function accountOverview(db: DbOrTx, userId: string) {
	const [customer] = await db.select().from(customers).where(eq(customers.userId, userId));
	return {
		customer: customer ?? null,
		bookings: customer ? await customerBookings(db, customer.id) : []
	};
}
