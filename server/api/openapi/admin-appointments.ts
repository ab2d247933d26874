import { APPOINTMENT_STATUSES, PAYMENT_STATUSES } from '../../../drizzle/schema.ts';
import {
	arrayOf,
	nullable,
	object,
	pathId,
	queryParam,
	success,
	uuid,
	type PathItem
} from './common.ts';
import {
	text,
	int,
	instant,
	pence,
	officeSecurity,
	pageParams,
	page,
	listFailures,
	oneFailures,
	date,
	scopeNote
} from './admin-shared.ts';

// admin/appointments: the office's reads of appointments (server/api/admin-appointments.ts).

const Booking = object({
	id: { ...uuid, description: 'The booking (customer_appointments row)' },
	customer: object({ id: uuid, name: text, email: text, phone: text, postcode: text }),
	number_of_persons: int,
	extras: arrayOf(object({ extra_id: uuid, name: text, quantity: int, price: pence })),
	total_price: pence,
	deposit_paid: pence,
	payment_status: { type: 'string', enum: PAYMENT_STATUSES }
});

const appointmentProps = {
	id: uuid,
	status: { type: 'string', enum: APPOINTMENT_STATUSES },
	start_time: instant,
	end_time: instant,
	staff: object({ id: uuid, name: text }),
	service: object({ id: uuid, name: text }),
	location_id: nullable(uuid),
	series_id: nullable({ ...uuid, description: 'Shared by the occurrences of a recurring clean' }),
	created_at: instant,
	updated_at: instant,
	bookings: arrayOf(Booking)
};
const Appointment = object(appointmentProps);

export const adminAppointmentPaths: Record<string, PathItem> = {
	'/admin/appointments': {
		get: {
			operationId: 'listAdminAppointments',
			tags: ['Office'],
			summary: 'Appointments in scope, by start time, paged and filtered',
			description: `${scopeNote} A scoped manager reads the appointments of their cleaners or at their locations. To change one, use POST /bookings/{id}/cancel and /bookings/{id}/reschedule (with the booking's id), or the office app.`,
			security: officeSecurity,
			parameters: [
				...pageParams,
				queryParam('from', date, 'Starting on or after this local day (Europe/London)'),
				queryParam('to', date, 'Starting on or before this local day (on or after `from`)'),
				queryParam('status', { type: 'string', enum: APPOINTMENT_STATUSES }, 'Only this status'),
				queryParam('staff_id', uuid, 'Only this cleaner'),
				queryParam('customer_id', uuid, 'Only appointments this customer booked'),
				queryParam('location_id', uuid, 'Only this location')
			],
			responses: {
				200: success('A page of appointments', page(Appointment)),
				...listFailures(
					'`page`, `page_size`, `from`, `to` (or `to` before `from`), `status`, `staff_id`, `customer_id` or `location_id`'
				)
			}
		}
	},
	'/admin/appointments/{id}': {
		get: {
			operationId: 'getAdminAppointment',
			tags: ['Office'],
			summary: 'One appointment in scope, with its bookings and the office notes',
			description: scopeNote,
			security: officeSecurity,
			parameters: [pathId('The appointment')],
			responses: {
				200: success(
					'The appointment',
					object({ ...appointmentProps, internal_notes: { type: 'string' } })
				),
				...oneFailures('appointment', true)
			}
		}
	}
};
