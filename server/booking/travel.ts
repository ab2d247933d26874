import { eq } from 'drizzle-orm';
import { staffSchedules, staffTravel } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { localDate, localDayBounds, type Interval } from '../../sync/domain/local-day.ts';
import {
	checkReach,
	describeTravelConflict,
	planDay,
	type TravelConflict
} from '../../sync/domain/travel-reach.ts';
import {
	businessTravel,
	placeOf,
	travelSettingsFor,
	type TravelOverrides
} from '../../sync/domain/travel.ts';
import { ukCentroids } from '../../sync/domain/uk-outcodes.ts';
import { workingIntervals } from '../../sync/domain/working-hours.ts';
import type { Tx } from '../db/client.ts';
import type { Offering } from './availability.ts';
import { busySpans, type BusySpan } from './busy-spans.ts';
import { lockCleaner } from './lock.ts';
import type { BusinessSettings } from './settings.ts';

/** A job about to be written: its padded span (blocked_from → blocked_until). */
export type PaddedJob = { start: number; end: number };

/**
 * Takes the cleaner's lock, then — once it is held — reads their day(s) afresh and checks that
 * every job can be reached in time (travel-reach.ts). The slot search before it read without the
 * lock: two bookings racing for either side of a gap each saw the gap empty. Under the lock the
 * second one reads the first's committed row and meets its travel here, so at most one of them
 * is written. The lock and the reads go out together; Postgres runs the reads after the lock is
 * granted, and at READ COMMITTED each read sees what committed before it started.
 *
 * `underLock`: the cleaner's hours, busy time and travel row already read behind their lock in
 * this transaction (a booking that asked for them took it first: create.ts). When its span holds
 * every job's day, nothing is sent again.
 *
 * Returns the first conflict, or null. Overlap is not checked here: the exclusion constraint
 * stays the last word on that.
 */
export async function lockAndCheckTravel(
	tx: Tx,
	args: {
		staffId: string;
		postcode: string;
		jobs: readonly PaddedJob[];
		settings: BusinessSettings;
		/** A booking being moved: its own old span is not a commitment. */
		excludeAppointmentId?: string;
		underLock?: LockedDiary;
	}
): Promise<TravelConflict | null> {
	const { staffId, settings } = args;
	const timeZone = settings.timeZone;
	const days = [...new Set(args.jobs.map((j) => localDate(j.start, timeZone)))];
	const bounds = days.map((d) => localDayBounds(d, timeZone));
	const span = {
		start: Math.min(...bounds.map((b) => b.start)),
		end: Math.max(...bounds.map((b) => b.end))
	};
	const held = args.underLock;
	const { busy, week, own } =
		held && held.span.start <= span.start && span.end <= held.span.end
			? held
			: await readLocked(tx, staffId, span, args.excludeAppointmentId);
	const centroids = ukCentroids();
	const place = placeOf(args.postcode, centroids);
	const travel = travelSettingsFor(businessTravel(settings), own);
	for (const job of args.jobs) {
		const date = localDate(job.start, timeZone);
		const day = localDayBounds(date, timeZone);
		const working = workingIntervals(date, timeZone, week);
		const plan = planDay(
			{
				home: own.homePostcode,
				setsOffAt: working.length ? Math.min(...working.map((w) => w.start)) : null,
				// Only what lies beside the job: an overlapping span is the constraint's to refuse.
				commitments: busy.filter(
					(b) =>
						b.start < day.end && b.end > day.start && (b.end <= job.start || b.start >= job.end)
				),
				settings: travel
			},
			centroids
		);
		const reach = checkReach(plan, { ...job, place });
		if (!reach.ok) return reach;
	}
	return null;
}

/** A cleaner's diary as read behind their lock, for lockAndCheckTravel. */
export type LockedDiary = {
	span: Interval;
	busy: BusySpan[];
	week: (typeof staffSchedules.$inferSelect)[];
	/** Their staff_travel values (null: none). */
	own: TravelOverrides & { homePostcode: string | null };
};

/**
 * What readOffering read of the cleaner asked for, as lockAndCheckTravel takes it: for a caller
 * that took their lock before that read (create.ts).
 */
export function lockedDiary(read: Offering, staffId: string): LockedDiary | undefined {
	const offer = read.offering.find((o) => o.staffId === staffId);
	if (!read.cleaner || read.cleaner.staffId !== staffId || !offer) return undefined;
	return {
		span: read.cleaner.span,
		busy: read.cleaner.busy,
		week: read.cleaner.schedules,
		own: {
			homePostcode: offer.homePostcode,
			roadFactor: offer.roadFactor,
			speedKmh: offer.speedKmh,
			overheadMinutes: offer.overheadMinutes
		}
	};
}

async function readLocked(
	tx: Tx,
	staffId: string,
	span: Interval,
	excludeAppointmentId?: string
): Promise<Omit<LockedDiary, 'span'>> {
	const [, busy, week, [own]] = await Promise.all([
		lockCleaner(tx, staffId),
		busySpans(tx, [staffId], span, excludeAppointmentId),
		tx.select().from(staffSchedules).where(eq(staffSchedules.staffId, staffId)).execute(),
		tx.select().from(staffTravel).where(eq(staffTravel.staffId, staffId)).execute()
	]);
	return {
		busy,
		week,
		own: own ?? { homePostcode: null, roadFactor: null, speedKmh: null, overheadMinutes: null }
	};
}

/**
 * The refusal's words. The office sees where from ("Needs 85 min from CR0 after the job
 * before…"); anyone else the same sentence without the district, which is another customer's or
 * the cleaner's home (personal data).
 */
export function travelRefusal(
	conflict: TravelConflict,
	ctx: AuthContext | undefined,
	timeZone: string
): string {
	const shown = ctx?.office
		? conflict
		: { ...conflict, other: conflict.other === 'home' ? 'home' : null };
	const why = describeTravelConflict(shown, timeZone);
	return ctx?.office
		? `The cleaner cannot get there in time. ${why}.`
		: `The cleaner cannot get there in time: please choose another time. ${why}.`;
}
