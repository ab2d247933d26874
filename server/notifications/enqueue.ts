import { sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client.ts';
import { jobPayload } from '../observe/context.ts';

// The notification jobs, queued in the transaction of the change they tell about (design.md
// convention 2): a rolled-back change sends nothing, and a committed one is told even if the
// process stops right after. Keys: `remind:<appointmentId>` (one reminder per appointment,
// moved by replacing it), `notify-rescheduled:<id>`, `notify-unassigned:<id>:<staffId>`,
// `notify-cancelled:<id>`.

const HOUR = 3_600_000;
/** How long before a clean its reminder goes. */
const REMINDER_LEAD_MS = 24 * HOUR;

const reminderKey = (appointmentId: string) => `remind:${appointmentId}`;

/** The payload of `booking__remind`: the start it reminds of, so a moved booking's old one is void. */
export type ReminderPayload = { appointmentId: string; startTime: number };

/**
 * Queues (or moves) the appointment's reminder to 24 hours before `start`, or now when that has
 * passed; none once the clean has started. Replacing by job key means a booking has one reminder.
 */
export async function scheduleReminder(
	db: DbOrTx,
	appointmentId: string,
	start: number,
	now: number
) {
	if (start <= now) return removeReminder(db, appointmentId);
	const runAt = Math.max(now, start - REMINDER_LEAD_MS);
	const payload: ReminderPayload = { appointmentId, startTime: start };
	await db.execute(sql`SELECT graphile_worker.add_job(
		'booking__remind',
		${JSON.stringify(jobPayload(payload))}::json,
		run_at := ${new Date(runAt).toISOString()}::timestamptz,
		job_key := ${reminderKey(appointmentId)}::text,
		job_key_mode := 'replace',
		max_attempts := 10
	)`);
}

export async function removeReminder(db: DbOrTx, appointmentId: string) {
	await db.execute(sql`SELECT graphile_worker.remove_job(${reminderKey(appointmentId)}::text)`);
}

/** The payload of `booking__notify_rescheduled`. */
export type RescheduledPayload = {
	appointmentId: string;
	/** When it was moved: each change is told once (it is part of the notification key). */
	changedAt: number;
};

/** The payload of `booking__notify_unassigned`: the cleaner the office took the job from. */
export type UnassignedPayload = { appointmentId: string; staffId: string; changedAt: number };

/**
 * Called by the reschedule after the new time is written, in its transaction. A customer hears
 * about a booking once it is confirmed: a `pending` hold that moves is confirmed (and its reminder
 * set) at its new time when paid. The reminder moves with the booking.
 *
 * Two moves before the worker sends the first notice become one notice of the latest time (the
 * job is replaced by key). A cleaner the office takes the job from has a job of their own, keyed
 * by cleaner, so each one who had it hears that it has gone, however often it is handed on.
 */
export async function bookingRescheduled(
	tx: Tx,
	before: { id: string; status: string; staffId: string },
	after: { start: number; staffId: string },
	now: number
) {
	if (before.status !== 'confirmed') return;
	const moved: RescheduledPayload = { appointmentId: before.id, changedAt: now };
	await tx.execute(sql`SELECT graphile_worker.add_job(
		'booking__notify_rescheduled',
		${JSON.stringify(jobPayload(moved))}::json,
		job_key := ${`notify-rescheduled:${before.id}`}::text,
		max_attempts := 10
	)`);
	if (after.staffId !== before.staffId) {
		const taken: UnassignedPayload = {
			appointmentId: before.id,
			staffId: before.staffId,
			changedAt: now
		};
		await tx.execute(sql`SELECT graphile_worker.add_job(
			'booking__notify_unassigned',
			${JSON.stringify(jobPayload(taken))}::json,
			job_key := ${`notify-unassigned:${before.id}:${before.staffId}`}::text,
			max_attempts := 10
		)`);
	}
	await scheduleReminder(tx, before.id, after.start, now);
}

/**
 * Called by the cancellation after the status is written, in its transaction: the customer and
 * the cleaner are told, and the reminder is removed (a confirmed booking's only; a `pending` hold
 * was never announced).
 */
export async function bookingCancelled(tx: Tx, before: { id: string; status: string }) {
	if (before.status !== 'confirmed') return;
	await tx.execute(sql`SELECT graphile_worker.add_job(
		'booking__notify_cancelled',
		${JSON.stringify(jobPayload({ appointmentId: before.id }))}::json,
		job_key := ${`notify-cancelled:${before.id}`}::text,
		max_attempts := 10
	)`);
	await removeReminder(tx, before.id);
}
