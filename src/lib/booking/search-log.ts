// The booking page works out free slots on the device, so the server never sees those searches:
// the page tells it, once per service, postcode and day shown, for the office's conversion report
// (server/reports/slot-searches.ts keeps only the postcode's district). Fire and forget: logging
// never holds up or breaks the booking.

const sent = new Set<string>();

export function logSlotSearch(search: { serviceId: string; postcode: string; date: string }) {
	const key = `${search.serviceId}|${search.postcode}|${search.date}`;
	if (sent.has(key)) return;
	sent.add(key);
	void fetch('/api/slot-searches', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			service_id: search.serviceId,
			postcode: search.postcode,
			date: search.date
		}),
		keepalive: true
	}).catch(() => {});
}
