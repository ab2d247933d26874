// Bookings for `npm run load`: free slots found through the public API, bookings posted as a
// customer's browser posts them, and an open-loop schedule that fires on time whatever the answers.
import { TEST_CUSTOMER } from '../support/book-rest.ts';
import { errorKind, now } from './stats.ts';

export type FreeSlot = { start_time: string; staffId: string; postcode: string };
type ApiSlot = { start_time: string; staff_ids: string[] };

const DAY = 86_400_000;

/** The London date `days` from now, as the API takes it. */
export const londonDate = (days: number) =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(Date.now() + days * DAY);

/**
 * `wanted` slots none of which meet: per cleaner and day, starts at least `spacingMin` apart (the
 * clean plus room for travel between postcodes), searched day by day across `postcodes`.
 */
export async function findFreeSlots(o: {
	appUrl: string;
	serviceId: string;
	postcodes: string[];
	wanted: number;
	firstDay: number;
	lastDay: number;
	spacingMin: number;
}) {
	const found: FreeSlot[] = [];
	let requests = 0;
	// A few days at once (each day's choice is its own, so they cannot clash).
	const searchDay = async (day: number) => {
		const date = londonDate(day);
		const answers = await Promise.all(
			o.postcodes.map(async (postcode) => {
				const query = new URLSearchParams({ service_id: o.serviceId, date, postcode });
				const response = await fetch(`${o.appUrl}/api/v1/bookings/available-slots/?${query}`);
				requests++;
				if (!response.ok)
					throw new Error(
						`available-slots ${date} ${postcode}: ${response.status} ${await response.text()}`
					);
				return { postcode, slots: (await response.json()).data.slots as ApiSlot[] };
			})
		);
		const taken = new Map<string, number[]>();
		const chosen: FreeSlot[] = [];
		for (const { postcode, slots } of answers)
			for (const slot of slots) {
				const start = Date.parse(slot.start_time);
				for (const staffId of slot.staff_ids) {
					const starts = taken.get(staffId) ?? [];
					if (starts.some((s) => Math.abs(s - start) < o.spacingMin * 60_000)) continue;
					starts.push(start);
					taken.set(staffId, starts);
					chosen.push({ start_time: slot.start_time, staffId, postcode });
					break;
				}
			}
		return chosen;
	};
	for (let day = o.firstDay; day <= o.lastDay && found.length < o.wanted; day += 3) {
		const days = [day, day + 1, day + 2].filter((d) => d <= o.lastDay);
		for (const chosen of await Promise.all(days.map(searchDay))) found.push(...chosen);
	}
	return { slots: found.slice(0, o.wanted), requests };
}

export type BookingResult = {
	slot: FreeSlot;
	hot: boolean;
	sentAt: number;
	answeredAt: number;
	/** `201`, `409 SLOT_TAKEN`, `ECONNRESET`, `timeout`… */
	kind: string;
	id?: string;
};

/** POST /api/v1/bookings/ as a new customer; never throws. */
export async function book(
	appUrl: string,
	serviceId: string,
	slot: FreeSlot,
	customerNo: string,
	hot = false
): Promise<BookingResult> {
	const sentAt = now();
	const done = (kind: string, id?: string): BookingResult => ({
		slot,
		hot,
		sentAt,
		answeredAt: now(),
		kind,
		id
	});
	try {
		const response = await fetch(`${appUrl}/api/v1/bookings/`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			signal: AbortSignal.timeout(30_000),
			body: JSON.stringify({
				service_id: serviceId,
				start_time: slot.start_time,
				staff_id: slot.staffId,
				customer: {
					...TEST_CUSTOMER,
					name: `Load Customer ${customerNo}`,
					email: `load.${customerNo}@example.com`,
					postcode: slot.postcode
				}
			})
		});
		const text = await response.text();
		let body: { data?: { id?: string }; error?: { code?: string } } = {};
		try {
			body = JSON.parse(text);
		} catch {
			// An answer that is not our envelope (a load balancer's 503 page): its status says enough.
		}
		if (response.status === 201) return done('201', body.data?.id);
		return done(`${response.status} ${body.error?.code ?? ''}`.trim());
	} catch (error) {
		return done(errorKind(error));
	}
}

/**
 * Open loop: calls `fire(i)` at start + i / rate seconds for `seconds`, without waiting for any
 * answer (a late answer does not slow the schedule, as real customers do not wait for each other).
 * Stops early when `stop()` says so. Gives every call's promise and how late each call left.
 */
export async function openLoop<T>(
	rate: number,
	seconds: number,
	fire: (i: number) => Promise<T>,
	stop: () => boolean = () => false
) {
	const interval = 1000 / rate;
	const total = Math.round(rate * seconds);
	const calls: Promise<T>[] = [];
	const lateMs: number[] = [];
	const started = now();
	for (let i = 0; i < total && !stop(); i++) {
		const due = started + i * interval;
		const wait = due - now();
		if (wait > 0) await new Promise((r) => setTimeout(r, wait));
		lateMs.push(Math.max(0, now() - due));
		calls.push(fire(i));
	}
	const firedFor = (now() - started) / 1000;
	return { calls, lateMs, firedFor, fired: calls.length, planned: total };
}
