import { eq } from 'drizzle-orm';
import { appointments, customerAppointments, customers } from '../../drizzle/schema.ts';
import { officeCanManageAppointment, type AuthContext } from '../../sync/auth.ts';
import type { DbOrTx } from '../db/client.ts';

/** Who is acting on a booking: the office (no cut-off), or the customer (by account or by token). */
export type BookingActor = 'office' | 'customer';

export type LoadedBooking = {
	appointment: typeof appointments.$inferSelect;
	booking: typeof customerAppointments.$inferSelect;
	customer: typeof customers.$inferSelect;
};

export async function loadBooking(
	db: DbOrTx,
	appointmentId: string
): Promise<LoadedBooking | null> {
	const [row] = await db
		.select({ appointment: appointments, booking: customerAppointments, customer: customers })
		.from(appointments)
		.innerJoin(customerAppointments, eq(customerAppointments.appointmentId, appointments.id))
		.innerJoin(customers, eq(customers.id, customerAppointments.customerId))
		.where(eq(appointments.id, appointmentId));
	return row ?? null;
}

/**
 * Whether the caller may see and change this booking, and as whom. Security: the token is compared
 * with the booking's own (an unguessable UUID); identity comes from the session, never the body.
 */
export function actorFor(
	loaded: LoadedBooking,
	ctx: AuthContext | undefined,
	token: string | undefined
): BookingActor | null {
	if (officeCanManageAppointment(ctx?.office ?? null, loaded.appointment)) return 'office';
	if (ctx?.customerID && ctx.customerID === loaded.booking.customerId) return 'customer';
	if (token && token === loaded.booking.cancellationToken) return 'customer';
	return null;
}
