import type { JobState } from './field-state.ts';

// The office's "today" counters, from the day's bookings and the field's folded state.

/** How long after a job's start without a clock-in it counts as late. */
export const LATE_AFTER_MS = 5 * 60_000;

export type BoardJob = {
	status: 'pending' | 'confirmed' | 'completed' | 'cancelled' | 'expired' | 'no_show';
	startTime: number;
	/** The customer's payment status, when the booking has a customer. */
	paymentStatus: string | null;
	field: JobState | null;
};

export type BoardCounts = {
	jobs: number;
	inProgress: number;
	late: number;
	problems: number;
	unpaid: number;
};

const live = (j: BoardJob) => j.status !== 'cancelled' && j.status !== 'expired';
const started = (j: BoardJob) => j.field?.status === 'in_progress' || j.field?.status === 'done';

/**
 * Jobs: every booking still on (no-shows included: the cleaner went). In progress: clocked in, not
 * out. Late: start passed by five minutes with no clock-in. Problems: a problem reported on a job
 * not yet done (before or during the work). Unpaid: nothing paid yet (or the payment failed) on a booking still on.
 */
export function boardCounts(jobs: BoardJob[], now: number): BoardCounts {
	const on = jobs.filter(live);
	const open = on.filter((j) => j.status !== 'no_show' && j.status !== 'completed');
	return {
		jobs: on.length,
		inProgress: open.filter((j) => j.field?.status === 'in_progress').length,
		late: open.filter((j) => now - j.startTime > LATE_AFTER_MS && !started(j)).length,
		problems: open.filter((j) => !!j.field?.problems.length && j.field.status !== 'done').length,
		unpaid: on.filter((j) => j.paymentStatus === 'unpaid' || j.paymentStatus === 'failed').length
	};
}
