// The diary: 14 days either side of today (local), 2–4 jobs per cleaner per working day (0–2 from
// the fourth day ahead, so the demo has room to book), each inside
// working hours, outside breaks and approved leave, and never overlapping, travel padding included.
// Work is done in epoch ms: each day's wall-clock bounds are converted once (see clock.ts).
import type { Temporal } from 'temporal-polyfill';
import type { AppointmentStatus, services } from '../schema.ts';
import type { Catalog } from './catalog.ts';
import type { OfferedService } from './cleaners.ts';
import { localInstant, MINUTE_MS, weekday } from './clock.ts';
import type { CustomerRow } from './customers.ts';
import { covers } from './districts.ts';
import type { Cleaner, People } from './people.ts';
import { createRng, type Rng } from './random.ts';

type Interval = { start: number; end: number };
type ServiceRow = typeof services.$inferInsert & { id: string };

export type Slot = {
	id: string;
	cleaner: Cleaner;
	service: ServiceRow;
	offer: OfferedService;
	date: Temporal.PlainDate;
	dayOffset: number;
	start: Date;
	end: Date;
	blockedFrom: Date;
	blockedUntil: Date;
	status: AppointmentStatus;
	customer: CustomerRow;
	internalNotes: string;
};

export const DAYS_EACH_SIDE = 14;
const QUARTER_MS = 15 * MINUTE_MS;

const NOTES = [
	'Customer asked for eco products only.',
	'Pay-and-display parking on the high street; no permit needed after 10:00.',
	'Take extra microfibre cloths: lots of glass.',
	'Bathroom grout flagged last time: give it extra attention.',
	'Confirmed by phone with the customer.',
	'Customer working from home: start with the kitchen.',
	'Builders on site next door; expect dust on the windowsills.'
];

/** Working stretches of one day minus breaks minus approved leave, as instants. */
function freeTime(cleaner: Cleaner, date: Temporal.PlainDate, leave: Interval[]): Interval[] {
	const day = weekday(date);
	let free: Interval[] = [];
	for (const stretch of cleaner.def.schedule) {
		if (!stretch.days.includes(day)) continue;
		let from = stretch.start;
		for (const pause of [...stretch.breaks].sort((a, b) => a.start - b.start)) {
			if (pause.start > from) free.push({ start: from, end: pause.start });
			from = Math.max(from, pause.end);
		}
		if (from < stretch.end) free.push({ start: from, end: stretch.end });
	}
	free = free.map((m) => ({
		start: localInstant(date, m.start).getTime(),
		end: localInstant(date, m.end).getTime()
	}));
	for (const cut of leave) {
		free = free.flatMap((f) =>
			cut.end <= f.start || cut.start >= f.end
				? [f]
				: [
						{ start: f.start, end: cut.start },
						{ start: cut.end, end: f.end }
					].filter((part) => part.end > part.start)
		);
	}
	return free;
}

type Placed = { offer: OfferedService; service: ServiceRow; blockedFrom: number; start: number };

function minutesOf(offer: OfferedService, service: ServiceRow) {
	return offer.minutes ?? service.durationMinutes;
}

/** The first quarter-hour at or after `cursor` where the padded job fits in one free stretch. */
function fit(free: Interval[], cursor: number, offer: OfferedService, service: ServiceRow) {
	const before = (service.paddingBeforeMinutes ?? 0) * MINUTE_MS;
	const length =
		before + (minutesOf(offer, service) + (service.paddingAfterMinutes ?? 0)) * MINUTE_MS;
	for (const f of free) {
		const from = Math.ceil(Math.max(f.start, cursor) / QUARTER_MS) * QUARTER_MS;
		if (from + length <= f.end) return { offer, service, blockedFrom: from, start: from + before };
	}
	return undefined;
}

/**
 * Packs up to `target` jobs into the day, earliest first. Each step takes, among the services that still
 * fit, one that can start soonest (weighted by how often the cleaner does it), so a long job never
 * leaves a morning empty; a random gap (travel, a late customer) is dropped if nothing fits with it.
 */
function planDay(
	rng: Rng,
	cleaner: Cleaner,
	free: Interval[],
	catalog: Catalog,
	target: number,
	first?: OfferedService
) {
	const offers = cleaner.def.services;
	const serviceOf = (o: OfferedService) => catalog.serviceByKey[o.key];
	const choose = (at: number, wanted?: OfferedService): Placed | undefined => {
		if (wanted) return fit(free, at, wanted, serviceOf(wanted)) ?? choose(at);
		const fitting = offers.flatMap((o) => fit(free, at, o, serviceOf(o)) ?? []);
		if (fitting.length === 0) return undefined;
		const soonest = Math.min(...fitting.map((f) => f.blockedFrom));
		const soon = fitting.filter((f) => f.blockedFrom === soonest);
		return rng.weighted(
			soon,
			soon.map((f) => f.offer.weight)
		);
	};
	const placed: Placed[] = [];
	if (free.length === 0) return placed;
	let cursor = free[0].start;
	for (let i = 0; i < target; i++) {
		const gap = rng.pick(i === 0 ? [0, 0, 0, 30] : [0, 0, 15, 30]) * MINUTE_MS;
		const wanted = i === 0 ? first : undefined;
		const job = choose(cursor + gap, wanted) ?? choose(cursor, wanted);
		if (!job) break;
		placed.push(job);
		const end = job.start + minutesOf(job.offer, job.service) * MINUTE_MS;
		cursor = end + (job.service.paddingAfterMinutes ?? 0) * MINUTE_MS;
	}
	return placed;
}

/**
 * Plans every cleaner's jobs from 14 days before to 14 days after `today` and picks a customer for
 * each, preferring households whose district the cleaner covers. The demo customer has Amira every
 * week on the same weekday (a regular 3-hour clean), two visits behind and two ahead.
 */
export function planAppointments(
	catalog: Catalog,
	people: People,
	customers: CustomerRow[],
	today: Temporal.PlainDate
): Slot[] {
	const demo = customers.find((c) => c.userId === people.customerUserId)!;
	const leaveByStaff = new Map<string, Interval[]>();
	for (const leave of people.timeOff) {
		if (leave.status !== 'approved') continue;
		const list = leaveByStaff.get(leave.staffId) ?? [];
		list.push({ start: leave.startsAt.getTime(), end: leave.endsAt.getTime() });
		leaveByStaff.set(leave.staffId, list);
	}
	const slots: Slot[] = [];
	for (const cleaner of people.cleaners) {
		const reach = customers.filter((c) => c !== demo && covers(cleaner.def.areas, c.postcode));
		const households = reach.filter((c) => !c.tags?.includes('office'));
		const offices = reach.filter((c) => c.tags?.includes('office'));
		for (let dayOffset = -DAYS_EACH_SIDE; dayOffset <= DAYS_EACH_SIDE; dayOffset++) {
			const date = today.add({ days: dayOffset });
			const rng = createRng(`${date.toString()}/${cleaner.def.key}`);
			const free = freeTime(cleaner, date, leaveByStaff.get(cleaner.row.id) ?? []);
			const weekly = cleaner.def.key === 'amira' && (dayOffset + 13) % 7 === 0;
			const first = weekly ? cleaner.def.services.find((o) => o.key === 'regular3') : undefined;
			const seen = new Set<string>();
			// Past days and the next few are busy; further ahead the diary thins out, as a real
			// one does, so the demo still has free slots to book.
			const target = Math.max(dayOffset <= 2 ? rng.int(2, 4) : rng.int(0, 2), first ? 1 : 0);
			planDay(rng, cleaner, free, catalog, target, first).forEach((job, i) => {
				const pool = job.offer.key === 'office' && offices.length > 0 ? offices : households;
				const fresh = pool.filter((c) => !seen.has(c.id));
				const customer =
					first && i === 0 && job.offer === first
						? demo
						: rng.pick(fresh.length > 0 ? fresh : pool);
				seen.add(customer.id);
				const end = job.start + minutesOf(job.offer, job.service) * MINUTE_MS;
				slots.push({
					id: crypto.randomUUID(),
					cleaner,
					service: job.service,
					offer: job.offer,
					date,
					dayOffset,
					start: new Date(job.start),
					end: new Date(end),
					blockedFrom: new Date(job.blockedFrom),
					blockedUntil: new Date(end + (job.service.paddingAfterMinutes ?? 0) * MINUTE_MS),
					status: 'confirmed',
					customer,
					internalNotes: rng.chance(0.15) ? rng.pick(NOTES) : ''
				});
			});
		}
	}
	slots.sort(
		(a, b) =>
			a.start.getTime() - b.start.getTime() || a.cleaner.row.position! - b.cleaner.row.position!
	);
	assignStatuses(slots, today);
	return slots;
}

/**
 * Past days: mostly completed, about 7% cancelled, one or two no-shows. Today and later: confirmed,
 * about one in ten of the later days' bookings still pending (today's are all confirmed).
 */
function assignStatuses(slots: Slot[], today: Temporal.PlainDate) {
	const rng = createRng(`statuses/${today.toString()}`);
	let noShows = 0;
	for (const slot of slots) {
		if (slot.dayOffset >= 0) {
			const hold = rng.chance(0.1) && slot.dayOffset > 0 && slot.customer.userId == null;
			slot.status = hold ? 'pending' : 'confirmed';
			continue;
		}
		const roll = rng.next();
		if (roll < 0.07 && slot.customer.userId == null) {
			slot.status = 'cancelled';
			slot.internalNotes = rng.pick([
				'Cancelled by the customer: unwell.',
				'Cancelled by the customer: plans changed.',
				'Cancelled by the office: moved to another week at the customer’s request.'
			]);
		} else if (roll < 0.09 && noShows < 2 && slot.customer.userId == null) {
			slot.status = 'no_show';
			noShows++;
		} else {
			slot.status = 'completed';
		}
	}
	if (noShows === 0) {
		const past = slots.filter((s) => s.status === 'completed' && s.customer.userId == null);
		if (past.length > 0) past[Math.floor(past.length / 2)].status = 'no_show';
	}
	for (const slot of slots) {
		if (slot.status === 'no_show') {
			slot.internalNotes = 'Nobody home; waited 20 minutes and called twice. Deposit kept.';
		}
	}
}
