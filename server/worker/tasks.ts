import type { JobHelpers, TaskList } from 'graphile-worker';
import { z } from 'zod';
import { database } from '../db/client.ts';
import type { Outcome } from '../notifications/deliver.ts';
import {
	notifyCancelled,
	notifyConfirmed,
	notifyRescheduled,
	notifyOnMyWay,
	notifyUnassigned,
	remind
} from '../notifications/notify.ts';
import { senders } from '../notifications/senders.ts';
import { calendarCrontab, calendarTasks } from '../calendar/tasks.ts';
import { expireHolds } from '../booking/hold-expiry.ts';
import { applyRetentionNow } from '../privacy/retention.ts';

const appointmentPayload = z.object({ appointmentId: z.uuid() });
const rescheduledPayload = z.object({ appointmentId: z.uuid(), changedAt: z.number().int() });
const unassignedPayload = z.object({
	appointmentId: z.uuid(),
	staffId: z.uuid(),
	changedAt: z.number().int()
});
const reminderPayload = z.object({ appointmentId: z.uuid(), startTime: z.number().int() });

/** Messages handed to a provider whose answer was lost are not resent: say so in the worker's log. */
function warnUncertain(helpers: JobHelpers, outcomes: Record<string, Outcome>) {
	for (const [key, outcome] of Object.entries(outcomes)) {
		if (outcome === 'uncertain')
			helpers.logger.warn(`notification ${key}: sent to the provider, outcome unknown; not resent`);
	}
}

// One side effect per task, named entity__verb (design.md convention 8).
export const taskList: TaskList = {
	...calendarTasks,

	/** Expired sessions are useless and hold user ids: drop them daily. */
	session__purge_expired: async (_payload, helpers) => {
		await helpers.withPgClient((client) =>
			client.query('DELETE FROM sessions WHERE expires_at < now()')
		);
	},

	/** Rate-limit windows, sign-in challenges, reset links and TOTP steps past use: dropped hourly. */
	security__purge_expired: async (_payload, helpers) => {
		await helpers.withPgClient((client) =>
			client.query(`
				DELETE FROM rate_limits WHERE expires_at < now();
				DELETE FROM sign_in_challenges WHERE expires_at < now();
				DELETE FROM password_reset_tokens WHERE expires_at < now() - interval '1 day';
				DELETE FROM totp_used_steps WHERE used_at < now() - interval '10 minutes';`)
		);
	},

	/** Photos, positions, messages and abandoned bookings past their retention setting (daily). */
	privacy__apply_retention: async () => {
		await applyRetentionNow();
	},

	/** `pending` bookings whose unpaid hold ran out free their slots (every minute). */
	booking__expire_holds: async (_payload, helpers) => {
		const expired = await expireHolds(database().db, Date.now());
		if (expired.length) helpers.logger.info(`holds expired: ${expired.join(', ')}`);
	},

	/** Queued with the payment that confirmed the booking (server/payments/settle.ts). */
	booking__notify_confirmed: async (payload, helpers) => {
		const { appointmentId } = appointmentPayload.parse(payload);
		const db = database().db;
		warnUncertain(helpers, await notifyConfirmed(db, senders(), appointmentId, Date.now()));
	},

	/** Queued with the move (server/notifications/enqueue.ts). */
	booking__notify_rescheduled: async (payload, helpers) => {
		const parsed = rescheduledPayload.parse(payload);
		warnUncertain(helpers, await notifyRescheduled(database().db, senders(), parsed));
	},

	/** Queued with a hand-over to another cleaner, for the one who had it. */
	booking__notify_unassigned: async (payload, helpers) => {
		const parsed = unassignedPayload.parse(payload);
		warnUncertain(helpers, await notifyUnassigned(database().db, senders(), parsed));
	},

	/** Queued with the cancellation (server/notifications/enqueue.ts). */
	booking__notify_cancelled: async (payload, helpers) => {
		const { appointmentId } = appointmentPayload.parse(payload);
		warnUncertain(helpers, await notifyCancelled(database().db, senders(), appointmentId));
	},

	/** Queued with the cleaner's "on my way" when the server stores it (server/field/ingest.ts). */
	job__notify_on_my_way: async (payload, helpers) => {
		const { appointmentId } = appointmentPayload.parse(payload);
		warnUncertain(
			helpers,
			await notifyOnMyWay(database().db, senders(), appointmentId, Date.now())
		);
	},

	/** 24 hours before a confirmed clean; moved or removed with the booking (job key `remind:<id>`). */
	booking__remind: async (payload, helpers) => {
		const parsed = reminderPayload.parse(payload);
		warnUncertain(helpers, await remind(database().db, senders(), parsed, Date.now()));
	}
};

export const crontab = [
	'* * * * * booking__expire_holds',
	'15 3 * * * session__purge_expired',
	'20 * * * * security__purge_expired',
	'40 3 * * * privacy__apply_retention',
	...calendarCrontab
].join('\n');
