import { and, eq, sql } from 'drizzle-orm';
import {
	notificationLog,
	type NotificationChannel,
	type NotificationKind,
	type NotificationRecipient
} from '../../drizzle/schema.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { NotSent, type RemoteSender, type Sender } from './port.ts';

/** One message a booking calls for, with its unique key (see notificationKey). */
export type Delivery<M> = {
	key: string;
	appointmentId: string;
	kind: NotificationKind;
	recipient: NotificationRecipient;
	channel: NotificationChannel;
	to: string;
	message: M;
};

/**
 * `sent` now; `already` handled by an earlier run (sent, refused, or left uncertain); `refused` by
 * the provider for good; `uncertain`: handed to a provider whose answer was lost — never resent.
 */
export type Outcome = 'sent' | 'already' | 'refused' | 'uncertain';

/**
 * `<appointmentId>:<kind>[@<occasion>]:<recipient>:<channel>`. The occasion tells apart messages of
 * one kind that may rightly be sent more than once: a reminder per start time, a reschedule notice
 * per change. E.g. `0197…:reminder@2025-06-03T08:00:00.000Z:customer:sms`.
 */
export function notificationKey(
	appointmentId: string,
	kind: NotificationKind,
	occasion: string | null,
	recipient: NotificationRecipient,
	channel: NotificationChannel
) {
	return `${appointmentId}:${kind}${occasion ? `@${occasion}` : ''}:${recipient}:${channel}`;
}

/**
 * Sends one message at most once, whatever happens to the worker.
 *
 * The log row is reserved first (its key is unique); a key reserved before is not sent again,
 * unless the provider answered that it took nothing (`failed`), when a retry claims it again.
 *
 * - Local outbox: reserve, write the message, mark sent — one transaction, so the message exists
 *   exactly once: a worker that dies anywhere in between leaves nothing, and the retry sends it.
 * - SendGrid and Twilio: neither takes an idempotency key for a new message, and a network call
 *   cannot join our transaction. So the reservation is committed as `sending` before the call,
 *   and marked `sent` after it. If the worker dies (or the connection drops) after the provider
 *   took the message but before the mark, the row stays `sending` and the retry does not send
 *   again: at most once, never twice. The price is the same window the other way round — a worker
 *   dying after the reservation but before the call leaves a message never sent. Such rows stay
 *   `sending` and are listed for the office (outbox.ts) to check with the provider. We chose this
 *   over at-least-once because a customer texted twice about one booking is a visible fault,
 *   while a lost message is visible in the office and the booking page always holds the truth.
 */
export async function deliver<M>(db: Db, sender: Sender<M>, d: Delivery<M>): Promise<Outcome> {
	const meta = { key: d.key, appointmentId: d.appointmentId };
	if (sender.driver === 'outbox') {
		return db.transaction(async (tx) => {
			if (!(await reserve(tx, d, sender.driver))) return 'already';
			const sent = await sender.sendInTransaction(tx, d.message, meta);
			await markSent(tx, d.key, sent.providerMessageId);
			return 'sent';
		});
	}
	if (!(await reserve(db, d, sender.driver))) return 'already';
	return sendRemote(db, sender, d, meta);
}

async function sendRemote<M>(
	db: Db,
	sender: RemoteSender<M>,
	d: Delivery<M>,
	meta: { key: string; appointmentId: string }
): Promise<Outcome> {
	try {
		const sent = await sender.send(d.message, meta);
		await markSent(db, d.key, sent.providerMessageId);
		return 'sent';
	} catch (error) {
		if (error instanceof NotSent) {
			await settle(db, d.key, error.retryable ? 'failed' : 'refused', error.message);
			// A temporary refusal fails the job, so Graphile Worker tries again later.
			if (error.retryable) throw error;
			return 'refused';
		}
		await settle(db, d.key, 'sending', `Outcome unknown, not resent: ${String(error)}`);
		return 'uncertain';
	}
}

/** Reserves the key as `sending`; false when it is taken (and not a provider's temporary no). */
async function reserve<M>(db: DbOrTx, d: Delivery<M>, driver: Sender<M>['driver']) {
	const rows = await db
		.insert(notificationLog)
		.values({
			key: d.key,
			appointmentId: d.appointmentId,
			kind: d.kind,
			recipient: d.recipient,
			channel: d.channel,
			toAddress: d.to,
			driver,
			status: 'sending'
		})
		.onConflictDoUpdate({
			target: notificationLog.key,
			set: {
				status: 'sending',
				driver,
				toAddress: d.to,
				error: null,
				attempts: sql`${notificationLog.attempts} + 1`
			},
			setWhere: eq(notificationLog.status, 'failed')
		})
		.returning({ key: notificationLog.key });
	return rows.length === 1;
}

async function markSent(db: DbOrTx, key: string, providerMessageId: string | null) {
	await db
		.update(notificationLog)
		.set({ status: 'sent', providerMessageId, sentAt: sql`now()`, error: null })
		.where(eq(notificationLog.key, key));
}

async function settle(
	db: DbOrTx,
	key: string,
	status: 'failed' | 'refused' | 'sending',
	error: string
) {
	await db
		.update(notificationLog)
		.set({ status, error })
		.where(and(eq(notificationLog.key, key), eq(notificationLog.status, 'sending')));
}
