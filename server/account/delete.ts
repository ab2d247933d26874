import { and, eq, gt, inArray } from 'drizzle-orm';
import {
	appointments,
	coverageRequests,
	customerAppointments,
	customers,
	users
} from '../../drizzle/schema.ts';
import type { Db } from '../db/client.ts';

export type DeleteResult =
	{ ok: true } | { ok: false; message: string; upcoming: { id: string; start: number }[] };

/**
 * Deletes a customer's account (GDPR right to erasure) in one transaction. The user row goes, and
 * with it the password, sessions, tokens, profile and calendar links. The customer record and
 * bookings stay for the accounts the business must keep, without the person: name, email, phone,
 * street address, notes and access notes are wiped, the postcode cut to its district. Refused,
 * naming them, while cleans are still to come: those are cancelled first, by their own rules.
 */
export async function deleteAccount(db: Db, userId: string, now: number): Promise<DeleteResult> {
	return db.transaction(async (tx) => {
		const [customer] = await tx
			.select({ id: customers.id, postcode: customers.postcode })
			.from(customers)
			.where(eq(customers.userId, userId))
			.for('update');
		if (customer) {
			const upcoming = await tx
				.select({ id: appointments.id, start: appointments.startTime })
				.from(customerAppointments)
				.innerJoin(appointments, eq(appointments.id, customerAppointments.appointmentId))
				.where(
					and(
						eq(customerAppointments.customerId, customer.id),
						gt(appointments.endTime, new Date(now)),
						inArray(appointments.status, ['pending', 'confirmed'])
					)
				);
			if (upcoming.length) {
				return {
					ok: false,
					message: 'Cancel your upcoming cleans before deleting your account',
					upcoming: upcoming.map((u) => ({ id: u.id, start: u.start.getTime() }))
				};
			}
			await tx
				.update(customers)
				.set({
					userId: null,
					name: 'Deleted customer',
					email: `deleted-${customer.id}@deleted.invalid`,
					phone: '',
					addressLine1: '',
					addressLine2: '',
					city: '',
					county: '',
					postcode: customer.postcode.split(' ')[0],
					notes: '',
					tags: []
				})
				.where(eq(customers.id, customer.id));
			await tx
				.update(customerAppointments)
				.set({ customFields: {} })
				.where(eq(customerAppointments.customerId, customer.id));
		}
		// Requests to hear about new areas were made with the same email.
		const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
		if (user) await tx.delete(coverageRequests).where(eq(coverageRequests.email, user.email));
		await tx.delete(users).where(eq(users.id, userId));
		return { ok: true };
	});
}
