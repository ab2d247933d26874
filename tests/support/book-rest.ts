import { apiCreateBooking } from '../../server/api/booking-create.ts';

// A booking made the way a customer's browser makes it (POST /api/v1/bookings/, through the REST
// handler and the server mutator), for server tests and benchmarks that need bookings to act on.

export type RestCustomer = {
	name: string;
	email: string;
	phone: string;
	address_line1: string;
	city: string;
	postcode: string;
};

export const TEST_CUSTOMER: RestCustomer = {
	name: 'Ola Nowak',
	email: 'ola@example.com',
	phone: '07700 900789',
	address_line1: '9 Albion Road',
	city: 'London',
	postcode: 'N16 9PD'
};

/** The answer's status and its `data` (or `error`), whatever the outcome. */
export async function bookThroughRest(booking: {
	serviceId: string;
	start: number;
	staffId: string;
	customer?: RestCustomer;
}) {
	const response = await apiCreateBooking(
		new Request('http://test/', {
			method: 'POST',
			body: JSON.stringify({
				service_id: booking.serviceId,
				start_time: new Date(booking.start).toISOString(),
				staff_id: booking.staffId,
				customer: booking.customer ?? TEST_CUSTOMER
			})
		}),
		undefined
	);
	const body = await response.json();
	return { http: response.status, ...(body.data ?? {}), error: body.error } as {
		http: number;
		id: string;
		status: string;
		cancellation_token: string;
		error?: { code: string; message: string };
	};
}
