import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';

export type MessagePurge = { bodies: number; recipients: number };

/**
 * Emails and texts made before `cutoff`: the local driver's copies (outbox_messages: address,
 * subject, text) are deleted; the notification log keeps its row — its key is what stops a job
 * that runs again from sending twice, and it says that a message of that kind went, to whom by
 * role (customer, cleaner) and when — but loses the address and the provider's error text, which
 * may quote the address. A retry of a `failed` row writes the address afresh from the booking.
 */
export async function purgeMessages(tx: Tx, cutoff: Date): Promise<MessagePurge> {
	const bodies = (await tx.execute(sql`
		DELETE FROM outbox_messages WHERE created_at < ${cutoff.toISOString()}::timestamptz RETURNING id`)) as unknown as unknown[];
	const recipients = (await tx.execute(sql`
		UPDATE notification_log SET to_address = '', error = NULL
		WHERE created_at < ${cutoff.toISOString()}::timestamptz AND (to_address <> '' OR error IS NOT NULL)
		RETURNING key`)) as unknown as unknown[];
	return { bodies: bodies.length, recipients: recipients.length };
}
