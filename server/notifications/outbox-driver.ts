import { outboxMessages } from '../../drizzle/schema.ts';
import type { EmailMessage, LocalSender, SmsMessage } from './port.ts';

// With no provider keys nothing leaves the server: the message is written to outbox_messages in
// the caller's transaction, beside its notification_log row, and admins read it on the Outbox
// page. Its unique notification_key is a second guard against a message written twice.

export const outboxEmail: LocalSender<EmailMessage> = {
	driver: 'outbox',
	async sendInTransaction(tx, message, meta) {
		const [row] = await tx
			.insert(outboxMessages)
			.values({
				channel: 'email',
				toAddress: message.to,
				subject: message.subject,
				text: message.text,
				html: message.html,
				notificationKey: meta.key,
				appointmentId: meta.appointmentId
			})
			.returning({ id: outboxMessages.id });
		return { providerMessageId: row.id };
	}
};

export const outboxSms: LocalSender<SmsMessage> = {
	driver: 'outbox',
	async sendInTransaction(tx, message, meta) {
		const [row] = await tx
			.insert(outboxMessages)
			.values({
				channel: 'sms',
				toAddress: message.to,
				text: message.body,
				notificationKey: meta.key,
				appointmentId: meta.appointmentId
			})
			.returning({ id: outboxMessages.id });
		return { providerMessageId: row.id };
	}
};
