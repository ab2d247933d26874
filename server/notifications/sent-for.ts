import { asc, eq } from 'drizzle-orm';
import { notificationLog } from '../../drizzle/schema.ts';
import type { DbOrTx } from '../db/client.ts';

/** The messages sent (or tried) about one booking, oldest first, for the office's booking page. */
export function notificationsFor(db: DbOrTx, appointmentId: string) {
	return db
		.select({
			key: notificationLog.key,
			kind: notificationLog.kind,
			recipient: notificationLog.recipient,
			channel: notificationLog.channel,
			status: notificationLog.status,
			error: notificationLog.error,
			createdAt: notificationLog.createdAt
		})
		.from(notificationLog)
		.where(eq(notificationLog.appointmentId, appointmentId))
		.orderBy(asc(notificationLog.createdAt));
}
