// The notification ports (design.md convention 7): the tasks talk to these interfaces only, and
// senders.ts picks the drivers — SendGrid and Twilio when their keys are set, else the local
// outbox table, which sends nothing and lets admins read every message in the office.
import type { NotificationDriver } from '../../drizzle/schema.ts';
import type { Tx } from '../db/client.ts';

export type EmailMessage = { to: string; subject: string; text: string; html: string };

/** `to` in E.164 (+447700900123). */
export type SmsMessage = { to: string; body: string };

/** What the message is, for the provider's records and the outbox. */
export type MessageMeta = { key: string; appointmentId: string | null };

/** The provider's id of an accepted message (the outbox's own row id for the local driver). */
export type Sent = { providerMessageId: string | null };

/**
 * A driver that writes in the caller's transaction: the message and its log row commit or roll
 * back together, so it is sent exactly once however often the job runs.
 */
export interface LocalSender<M> {
	readonly driver: 'outbox';
	sendInTransaction(tx: Tx, message: M, meta: MessageMeta): Promise<Sent>;
}

/**
 * A driver that calls a provider over the network: outside any transaction, so what it did is
 * not known for certain when the call fails without an answer (see deliver.ts). It throws
 * `NotSent` when the provider's answer says nothing went; any other error leaves that open.
 */
export interface RemoteSender<M> {
	readonly driver: Exclude<NotificationDriver, 'outbox'>;
	send(message: M, meta: MessageMeta): Promise<Sent>;
}

export type Sender<M> = LocalSender<M> | RemoteSender<M>;
export type EmailSender = Sender<EmailMessage>;
export type SmsSender = Sender<SmsMessage>;

/**
 * The provider answered, and the message did not go. `retryable`: a temporary refusal (rate limit,
 * the provider's own outage), worth another attempt; otherwise it will never take this message.
 */
export class NotSent extends Error {
	constructor(
		message: string,
		readonly retryable: boolean
	) {
		super(message);
		this.name = 'NotSent';
	}
}

/** Whether an HTTP status from a provider means "try again later" rather than "never". */
export const isRetryableStatus = (status: number) => status === 429 || status >= 500;

/**
 * Whether a network error happened before the request could reach the provider (nobody listening,
 * no such host), so that nothing can have been sent. A timeout or a reset connection is not one:
 * the provider may have taken the message before the answer was lost.
 */
export function neverReachedProvider(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}
