import { inject } from 'vitest';
import { addDays, localDate } from '../../sync/domain/local-day.ts';

/** The London date `days` from today, YYYY-MM-DD (by calendar days, across a clock change too). */
export function londonDate(days: number): string {
	return addDays(localDate(Date.now(), 'Europe/London'), days);
}

/**
 * The first free slot in N16 from `fromDays` ahead on (with `staffId`, that cleaner's), asked of
 * the running app's own API.
 */
export async function firstFreeSlot(serviceId: string, fromDays: number, staffId?: string) {
	for (let days = fromDays; days < fromDays + 14; days++) {
		const params = new URLSearchParams({
			service_id: serviceId,
			date: londonDate(days),
			postcode: 'N16 9PD'
		});
		if (staffId) params.set('staff_id', staffId);
		const response = await fetch(`${inject('appUrl')}/api/v1/bookings/available-slots/?${params}`);
		const [slot] = (await response.json()).data.slots;
		if (slot) return slot as { start_time: string; staff_ids: string[] };
	}
	throw new Error('no free slot in the demo diary');
}

/**
 * Books `startTime` with the cleaner over the app's REST API, for a customer called `name` (the
 * email made from it) at an address in `postcode`: the booking's id. It stays pending until paid.
 */
export async function bookOverApi(
	booking: { serviceId: string; startTime: string; staffId: string; name: string },
	postcode = 'N16 9PD'
) {
	const response = await fetch(`${inject('appUrl')}/api/v1/bookings/`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			service_id: booking.serviceId,
			start_time: booking.startTime,
			staff_id: booking.staffId,
			customer: {
				name: booking.name,
				email: `${booking.name.toLowerCase().replace(/\W+/g, '.')}@example.com`,
				phone: '07700 900555',
				address_line1: '3 Albion Road',
				city: 'London',
				postcode
			}
		})
	});
	const { data, error } = await response.json();
	if (response.status !== 201)
		throw new Error(`booking ${booking.startTime}: ${response.status} ${JSON.stringify(error)}`);
	return data.id as string;
}
