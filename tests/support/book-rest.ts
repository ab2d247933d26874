import type postgres from 'postgres';
import { apiCreateBooking } from '../../server/api/booking-create.ts';
import { searchSlots } from '../../server/booking/availability.ts';
import type { Db } from '../../server/db/client.ts';
import { addDays, localDate } from '../../sync/domain/local-day.ts';

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

/** A POST with a JSON body, as the REST handlers take it. */
export const postJson = (body: unknown) =>
	new Request('http://test/', { method: 'POST', body: JSON.stringify(body) });

export type MadeBooking = { id: string; cancellation_token: string; total_price: number };

/**
 * Books the first free slot of service `slug` in N16 from `day` days ahead on (the demo diary
 * closes some days), through the REST handler; fails unless it is made.
 */
export async function bookFirstFree(
	db: Db,
	sql: postgres.Sql,
	o: {
		slug: string;
		day: number;
		customer?: RestCustomer;
		recurrence?: { frequency: string; count: number };
	}
): Promise<MadeBooking> {
	const [{ id: serviceId }] = await sql`SELECT id FROM services WHERE slug = ${o.slug}`;
	const today = localDate(Date.now(), 'Europe/London');
	let slot: { start: number; staffIds: string[] } | undefined;
	for (let d = o.day; !slot && d < o.day + 7; d++) {
		const found = await searchSlots(db, {
			serviceId,
			date: addDays(today, d),
			postcode: 'N16 9PD',
			now: Date.now()
		});
		if (!found.ok) throw new Error(found.message);
		slot = found.slots[0];
	}
	if (!slot) throw new Error(`no free ${o.slug} within a week of day ${o.day}`);
	const response = await apiCreateBooking(
		postJson({
			service_id: serviceId,
			start_time: new Date(slot.start).toISOString(),
			staff_id: slot.staffIds[0],
			customer: o.customer ?? TEST_CUSTOMER,
			...(o.recurrence && { recurrence: o.recurrence })
		}),
		undefined
	);
	const body = await response.json();
	if (response.status !== 201)
		throw new Error(`booking refused (${response.status}): ${JSON.stringify(body.error)}`);
	return body.data;
}
