import { inject } from 'vitest';
import { addDays, localDate } from '../../sync/domain/local-day.ts';

/** The London date `days` from today, YYYY-MM-DD (by calendar days, across a clock change too). */
export function londonDate(days: number): string {
	return addDays(localDate(Date.now(), 'Europe/London'), days);
}

/**
 * The first free slot in N16 from `fromDays` ahead on (with `staffId`, that cleaner's), asked of
 * the app's own API (the shared stack's unless `appUrl` names another).
 */
export async function firstFreeSlot(
	serviceId: string,
	fromDays: number,
	staffId?: string,
	appUrl: string = inject('appUrl')
) {
	for (let days = fromDays; days < fromDays + 14; days++) {
		const params = new URLSearchParams({
			service_id: serviceId,
			date: londonDate(days),
			postcode: 'N16 9PD'
		});
		if (staffId) params.set('staff_id', staffId);
		const response = await fetch(`${appUrl}/api/v1/bookings/available-slots/?${params}`);
		const [slot] = (await response.json()).data.slots;
		if (slot) return slot as { start_time: string; staff_ids: string[] };
	}
	throw new Error('no free slot in the demo diary');
}

/** Who books over the API: the email is made from the name unless given. */
type Guest = { name: string; email?: string; postcode?: string };

/** POST /api/v1/bookings/ (with no cleaner named, the app picks one): the booking it made. */
async function postBooking(
	appUrl: string,
	booking: { serviceId: string; startTime: string; staffId?: string },
	{ name, email, postcode = 'N16 9PD' }: Guest
) {
	const response = await fetch(`${appUrl}/api/v1/bookings/`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			service_id: booking.serviceId,
			start_time: booking.startTime,
			staff_id: booking.staffId,
			customer: {
				name,
				email: email ?? `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`,
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
	return data as { id: string; cancellation_token: string };
}

/**
 * Books `startTime` with the cleaner over the app's REST API, for a customer called `name` (the
 * email made from it) at an address in `postcode`: the booking's id. It stays pending until paid.
 */
export async function bookOverApi(
	booking: { serviceId: string; startTime: string; staffId: string; name: string },
	postcode = 'N16 9PD'
) {
	return (await postBooking(inject('appUrl'), booking, { name: booking.name, postcode })).id;
}

/**
 * A guest's booking of the first free slot from `fromDays` ahead on, any cleaner, over the REST API
 * of the shared stack or `appUrl`'s: held until paid, its link's token with it.
 */
export async function guestBooking(
	serviceId: string,
	fromDays: number,
	guest: Guest,
	appUrl: string = inject('appUrl')
) {
	const slot = await firstFreeSlot(serviceId, fromDays, undefined, appUrl);
	return postBooking(appUrl, { serviceId, startTime: slot.start_time }, guest);
}
