import { desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { appointments, notificationLog, outboxMessages } from '../../drizzle/schema.ts';
import type { OfficeScope } from '../../sync/auth.ts';
import type { DbOrTx } from '../db/client.ts';

/** How many rows the page lists: the newest; older ones stay in the table. */
const LIMIT = 200;

/**
 * Joins the appointment a row is about, for a manager with a scope: the messages about their
 * cleaners' and their locations' bookings (design.md convention 5: deny = empty).
 */
function managedBy(scope: Extract<OfficeScope, { all: false }>, appointmentId: AnyPgColumn) {
	const mine = [
		...(scope.staffIDs.length ? [inArray(appointments.staffId, scope.staffIDs)] : []),
		...(scope.locationIDs.length ? [inArray(appointments.locationId, scope.locationIDs)] : [])
	];
	return sql`${eq(appointments.id, appointmentId)} AND (${or(...mine) ?? sql`false`})`;
}

/**
 * The office's Outbox page: what the local driver "sent" (with no provider keys, every email and
 * text lands here), newest first; and the notifications a provider may not have delivered —
 * handed over with the answer lost (`sending`), refused, or failed and waiting for a retry —
 * for the office to check.
 */
export async function outboxFor(db: DbOrTx, scope: OfficeScope) {
	const messagesQuery = db
		.select({
			id: outboxMessages.id,
			channel: outboxMessages.channel,
			to: outboxMessages.toAddress,
			subject: outboxMessages.subject,
			text: outboxMessages.text,
			html: outboxMessages.html,
			createdAt: outboxMessages.createdAt
		})
		.from(outboxMessages);
	const messages = await (
		scope.all
			? messagesQuery
			: messagesQuery.innerJoin(appointments, managedBy(scope, outboxMessages.appointmentId))
	)
		.orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
		.limit(LIMIT);

	const unsureQuery = db
		.select({
			key: notificationLog.key,
			channel: notificationLog.channel,
			to: notificationLog.toAddress,
			driver: notificationLog.driver,
			status: notificationLog.status,
			error: notificationLog.error,
			createdAt: notificationLog.createdAt
		})
		.from(notificationLog);
	const notSent = ne(notificationLog.status, 'sent');
	const unsure = await (
		scope.all
			? unsureQuery.where(notSent)
			: unsureQuery
					.innerJoin(appointments, managedBy(scope, notificationLog.appointmentId))
					.where(notSent)
	)
		.orderBy(desc(notificationLog.createdAt))
		.limit(LIMIT);

	return {
		messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.getTime() })),
		unsure: unsure.map((u) => ({ ...u, createdAt: u.createdAt.getTime() }))
	};
}
