import type { ApplicationError } from '@rocicorp/zero';
import { JUST_TAKEN, refusal } from './errors.ts';
import type { CreatedBooking } from './receipt.ts';

// A burst of attempts on one cleaner's slot (a popular time, a client retrying) would otherwise
// cost a full search inside the transaction for each loser once the first has won. This process
// remembers, for a moment, the jobs it has just committed, so that an attempt on a cleaner it
// names, at a start inside one of them, is refused at once: SLOT_TAKEN, as the search would have
// said. It only ever refuses; what it says is kept for KEEP_MS at most. A cancel or reschedule made
// by this process forgets that cleaner's jobs straight away; one made by another process (or a hold
// expiring in the worker) within that moment can leave a freed slot refused until it has passed.
// Never relied on to accept: the lock, the search and the exclusion constraint decide that.

const KEEP_MS = 1_000;

type Job = { start: number; end: number; until: number };

const jobsByCleaner = new Map<string, Job[]>();

/** Keeps a booking just committed (call after its commit), as of `now`. */
export function noteBooked(booking: CreatedBooking, now: number): void {
	const jobs = live(booking.staffId, now);
	for (const o of booking.occurrences)
		jobs.push({ start: o.start, end: o.end, until: now + KEEP_MS });
	jobsByCleaner.set(booking.staffId, jobs);
}

/** Whether a job of this cleaner committed a moment ago covers `start`. */
export function justBooked(staffId: string, start: number, now: number): boolean {
	return live(staffId, now).some((j) => j.start <= start && start < j.end);
}

/** SLOT_TAKEN for an attempt on a cleaner's slot this process has just booked, else null. */
export function refusalIfJustBooked(
	args: { staffId?: string | null; startTime: number },
	now: number
): ApplicationError | null {
	if (!args.staffId || !justBooked(args.staffId, args.startTime, now)) return null;
	return refusal('SLOT_TAKEN', JUST_TAKEN);
}

/** Forgets this cleaner's jobs: one of them is being cancelled or moved. */
export function forgetBooked(staffId: string): void {
	jobsByCleaner.delete(staffId);
}

function live(staffId: string, now: number): Job[] {
	const jobs = (jobsByCleaner.get(staffId) ?? []).filter((j) => j.until > now);
	if (jobs.length) jobsByCleaner.set(staffId, jobs);
	else jobsByCleaner.delete(staffId);
	return jobs;
}
