import { Temporal } from 'temporal-polyfill';
import type { Centroids } from './service-area.ts';
import { minutesBetween, placeOf, type Place, type TravelSettings } from './travel.ts';

const MINUTE = 60_000;

/**
 * Can a cleaner, with the day they already have, get to a new job in time and on to the next?
 *
 * The rule: a job at P from `start` to `end` (its padded span) fits a cleaner's day when
 * - the previous commitment that day ends at least travel(its place → P) before `start`, or, when
 *   nothing comes before it that day, the cleaner can get from home to P between setting off (the
 *   start of their working day) and `start`; and
 * - the next commitment starts at least travel(P → its place) after `end`.
 * Spans are padded, so padding still applies on top of travel. Travel home after the last job is
 * the cleaner's own time and is not counted. A commitment without a place (approved time off, a
 * calendar event) blocks by overlap only: we do not know where the cleaner is then, so no travel
 * is asked of either side of it — and the home leg is not looked for behind it.
 *
 * Example (defaults): a job in CR0 until 11:00 (padded), a new job in E17 at 11:30 → needs 85 min,
 * only 30 free → refused: "needs 85 min from CR0 after the job before (free from 11:00); only
 * 30 min free". At 12:30 it fits.
 */
export type DayCommitment = {
	/** The padded busy span. */
	start: number;
	end: number;
	/** Where: the customer's postcode for a job; null for time off and the like. */
	postcode: string | null;
};

export type CleanerTravelDay = {
	/** Their home (start) postcode, or null (no home leg). */
	home: string | null;
	/** When they set off from home: the start of their first working stretch that day. */
	setsOffAt: number | null;
	/** What they already have that day: any order, must not overlap the job checked. */
	commitments: readonly DayCommitment[];
	settings: TravelSettings;
};

/** A cleaner's day made ready for many checks: places looked up once, commitments in time order. */
export type PlannedDay = {
	home: Place;
	hasHome: boolean;
	setsOffAt: number | null;
	commitments: { start: number; end: number; place: Place; known: boolean }[];
	settings: TravelSettings;
};

export function planDay(day: CleanerTravelDay, centroids: Centroids): PlannedDay {
	return {
		home: placeOf(day.home, centroids),
		hasHome: !!day.home,
		setsOffAt: day.setsOffAt,
		commitments: day.commitments
			.map((c) => ({
				start: c.start,
				end: c.end,
				place: placeOf(c.postcode, centroids),
				known: c.postcode !== null
			}))
			.sort((a, b) => a.start - b.start),
		settings: day.settings
	};
}

export type TravelConflict = {
	ok: false;
	/** 'before': cannot arrive in time; 'after': cannot reach the next job in time. */
	side: 'before' | 'after';
	/** Where the other end is: a district ('E17'), 'home', or null when unknown. */
	other: string | null;
	/** The instant the cleaner is free from (before) or due at the next job (after). */
	at: number;
	needMinutes: number;
	freeMinutes: number;
};

export type Reach =
	| {
			ok: true;
			/** Travel this job adds to the day: to it + from it − the trip it replaces. */
			addedMinutes: number;
	  }
	| TravelConflict;

/**
 * Whether the job at `place` over [start, end) (padded) fits the planned day; see the rule above.
 * The added travel is the "any cleaner" score: the cleaner whose day grows least is preferred.
 * Example: A→C was 20 min; a job at B between them costs A→B 15 + B→C 10 − 20 = 5 added minutes.
 */
export function checkReach(
	day: PlannedDay,
	job: { start: number; end: number; place: Place }
): Reach {
	let before: PlannedDay['commitments'][number] | undefined;
	let after: PlannedDay['commitments'][number] | undefined;
	for (const c of day.commitments) {
		if (c.end <= job.start) before = c;
		else if (c.start >= job.end) {
			after = c;
			break;
		}
	}
	const s = day.settings;
	// The leg into the job: from the previous job, or from home when the day has nothing before it.
	let from: { place: Place; at: number; other: string | null } | null = null;
	if (before) {
		if (before.known) from = { place: before.place, at: before.end, other: name(before.place) };
	} else if (day.hasHome && day.setsOffAt !== null && day.setsOffAt <= job.start) {
		from = { place: day.home, at: day.setsOffAt, other: 'home' };
	}
	let inbound = 0;
	if (from) {
		inbound = minutesBetween(from.place, job.place, s);
		const free = Math.floor((job.start - from.at) / MINUTE);
		if (free < inbound) return conflict('before', from.other, from.at, inbound, free);
	}
	let outbound = 0;
	if (after?.known) {
		outbound = minutesBetween(job.place, after.place, s);
		const free = Math.floor((after.start - job.end) / MINUTE);
		if (free < outbound) return conflict('after', name(after.place), after.start, outbound, free);
	}
	// The trip the new job replaces: straight from the previous place to the next.
	const replaced = from && after?.known ? minutesBetween(from.place, after.place, s) : 0;
	return { ok: true, addedMinutes: inbound + outbound - replaced };
}

function name(place: Place): string | null {
	return place?.outward ?? null;
}

function conflict(
	side: TravelConflict['side'],
	other: string | null,
	at: number,
	needMinutes: number,
	freeMinutes: number
): TravelConflict {
	return { ok: false, side, other, at, needMinutes, freeMinutes: Math.max(0, freeMinutes) };
}

/** One-shot form of planDay + checkReach, for a single check (the device, a test). */
export function reachFor(
	day: CleanerTravelDay,
	job: { start: number; end: number; postcode: string },
	centroids: Centroids
): Reach {
	return checkReach(planDay(day, centroids), { ...job, place: placeOf(job.postcode, centroids) });
}

/**
 * The refusal in words, for the office: "Needs 45 min from E17 after the job before (free from
 * 10:15); only 15 min free". Times in the business's zone, built from Temporal so the device and
 * the server word it the same.
 */
export function describeTravelConflict(c: TravelConflict, timeZone: string): string {
	const when = clock(c.at, timeZone);
	const only = `only ${c.freeMinutes} min free`;
	if (c.side === 'before') {
		const from =
			c.other === 'home'
				? `from home at the start of the day (from ${when})`
				: `${c.other ? `from ${c.other} ` : ''}after the job before (free from ${when})`;
		return `Needs ${c.needMinutes} min ${from}; ${only}`;
	}
	const to = c.other ? `to the next job in ${c.other}` : 'to the next job';
	return `Needs ${c.needMinutes} min ${to} (due at ${when}); ${only}`;
}

function clock(epochMs: number, timeZone: string): string {
	const t = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
	return `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
}

/**
 * The trips of a day in order, for a gap bar: from home to the first job (when there is a home and
 * a set-off time), then between consecutive jobs with known places. `short` marks a gap smaller
 * than the trip (a manual change the office made, or an override).
 */
export function dayTrips(day: PlannedDay): {
	from: number;
	to: number;
	needMinutes: number;
	freeMinutes: number;
	short: boolean;
	fromHome: boolean;
}[] {
	const trips = [];
	let previous: { place: Place; at: number; home: boolean } | null =
		day.hasHome && day.setsOffAt !== null
			? { place: day.home, at: day.setsOffAt, home: true }
			: null;
	for (const c of day.commitments) {
		if (previous && c.known) {
			const need = minutesBetween(previous.place, c.place, day.settings);
			const free = Math.floor((c.start - previous.at) / MINUTE);
			if (!previous.home || previous.at <= c.start)
				trips.push({
					from: previous.at,
					to: c.start,
					needMinutes: need,
					freeMinutes: Math.max(0, free),
					short: free < need,
					fromHome: previous.home
				});
		}
		previous = c.known ? { place: c.place, at: c.end, home: false } : null;
	}
	return trips;
}
