import { and, eq, isNull } from 'drizzle-orm';
import { customerAppointments, customers } from '../../drizzle/schema.ts';
import type { DbOrTx } from '../db/client.ts';

/**
 * Joins a guest's bookings to their new account, from the link in a confirmation
 * (/register?booking=…&token=…). Security: the token proves the link was received, and the
 * booking's customer email must be the account's own, so nobody can claim someone else's bookings
 * by typing their email. An account holds one customer record; a record already joined stays so.
 */
export async function claimBookings(
	db: DbOrTx,
	user: { id: string; email: string },
	bookingId: string,
	token: string
): Promise<boolean> {
	const [owned] = await db
		.select({ id: customers.id })
		.from(customers)
		.where(eq(customers.userId, user.id));
	if (owned) return false;
	const record = await claimable(db, bookingId, token);
	if (!record || record.email.toLowerCase() !== user.email.toLowerCase()) return false;
	await db.update(customers).set({ userId: user.id }).where(eq(customers.id, record.id));
	return true;
}

/** The guest's name and email for the sign-up form, when the link's booking can be claimed. */
export async function claimable(db: DbOrTx, bookingId: string, token: string) {
	const [record] = await db
		.select({ id: customers.id, name: customers.name, email: customers.email })
		.from(customerAppointments)
		.innerJoin(customers, eq(customers.id, customerAppointments.customerId))
		.where(
			and(
				eq(customerAppointments.appointmentId, bookingId),
				eq(customerAppointments.cancellationToken, token),
				isNull(customers.userId)
			)
		);
	return record ?? null;
}
