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
