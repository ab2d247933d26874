import { eq, inArray } from 'drizzle-orm';
import {
	appointments,
	customerAppointments,
	customers,
	invoices,
	payments,
	profiles,
	services,
	users
} from '../../drizzle/schema.ts';
import type { DbOrTx } from '../db/client.ts';

/**
 * Everything we hold about a signed-in person (GDPR right of access), as one JSON document: the
 * account, its profile, the customer record, every booking with its service, payments and
 * invoices. Secrets (password hash, session and token ids) are never personal data worth giving
 * back, and are left out.
 */
export async function exportAccountData(db: DbOrTx, userId: string, now: number) {
	const [[user], [profile], [customer]] = await Promise.all([
		db
			.select({
				email: users.email,
				name: users.name,
				role: users.role,
				dateJoined: users.dateJoined
			})
			.from(users)
			.where(eq(users.id, userId)),
		db.select().from(profiles).where(eq(profiles.userId, userId)),
		db.select().from(customers).where(eq(customers.userId, userId))
	]);
	const bookings = customer
		? await db
				.select({
					booking: customerAppointments,
					appointment: appointments,
					service: services.name
				})
				.from(customerAppointments)
				.innerJoin(appointments, eq(appointments.id, customerAppointments.appointmentId))
				.innerJoin(services, eq(services.id, appointments.serviceId))
				.where(eq(customerAppointments.customerId, customer.id))
		: [];
	const bookingIds = bookings.map((b) => b.booking.id);
	const [paid, invoiced] = await Promise.all([
		bookingIds.length
			? db.select().from(payments).where(inArray(payments.customerAppointmentId, bookingIds))
			: [],
		customer ? db.select().from(invoices).where(eq(invoices.customerId, customer.id)) : []
	]);
	return {
		exportedAt: new Date(now).toISOString(),
		account: user,
		profile: profile && {
			phone: profile.phone,
			timezone: profile.timezone,
			preferences: profile.preferences
		},
		customer: customer ?? null,
		bookings: bookings.map(({ booking, appointment, service }) => ({
			id: appointment.id,
			service,
			start: appointment.startTime.toISOString(),
			end: appointment.endTime.toISOString(),
			status: appointment.status,
			persons: booking.numberOfPersons,
			extras: booking.extras,
			accessNotes: booking.customFields.accessNotes ?? null,
			totalPrice: booking.totalPrice,
			paymentStatus: booking.paymentStatus,
			payments: paid
				.filter((p) => p.customerAppointmentId === booking.id)
				.map((p) => ({
					amount: p.amount,
					currency: p.currency,
					status: p.status,
					method: p.paymentMethod,
					at: p.createdAt.toISOString()
				}))
		})),
		invoices: invoiced.map((i) => ({
			number: i.invoiceNumber,
			total: i.totalAmount,
			tax: i.taxAmount,
			status: i.status
		}))
	};
}
