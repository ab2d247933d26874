import { defineQuery } from '@rocicorp/zero';
import { zql } from '../schema.ts';

/**
 * A signed-in customer's own bookings with their appointment and service, live: what the office
 * changes shows at once. Appointment rows carry no office notes (those live in appointment_notes,
 * never related here). Anyone else gets nothing.
 */
export const myBookings = defineQuery(({ ctx }) => {
	const q = zql.customerAppointments
		.related('appointment', (a) => a.related('service'))
		.orderBy('createdAt', 'asc');
	return ctx?.customerID ? q.where('customerId', ctx.customerID) : q.where('id', 'IN', []);
});
