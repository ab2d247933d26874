import { inject } from 'vitest';

/** The London date `days` from today, YYYY-MM-DD. */
export function londonDate(days: number): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
		Date.now() + days * 86_400_000
	);
}

/** The first free slot in N16 from `fromDays` ahead on, asked of the running app's own API. */
export async function firstFreeSlot(serviceId: string, fromDays: number) {
	for (let days = fromDays; days < fromDays + 14; days++) {
		const params = new URLSearchParams({
			service_id: serviceId,
			date: londonDate(days),
			postcode: 'N16 9PD'
		});
		const response = await fetch(`${inject('appUrl')}/api/v1/bookings/available-slots/?${params}`);
		const [slot] = (await response.json()).data.slots;
		if (slot) return slot as { start_time: string; staff_ids: string[] };
	}
	throw new Error('no free slot in the demo diary');
}
