import { check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { appointments } from './bookings.ts';
import { createdAt, id, instant, oneOf } from './columns.ts';

// Both tables hold message bodies, addresses and phone numbers: they are not synced (false in
// drizzle-zero.config.ts, and not in Zero's publication). The office reads the outbox through the
// server (server/notifications/outbox.ts).

export const NOTIFICATION_CHANNELS = ['email', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** Who a notification is for: the booking's customer, or a cleaner of it. */
export const NOTIFICATION_RECIPIENTS = ['customer', 'cleaner'] as const;
export type NotificationRecipient = (typeof NOTIFICATION_RECIPIENTS)[number];

/** `unassigned`: a cleaner whose job the office handed to another cleaner. */
export const NOTIFICATION_KINDS = [
	'confirmed',
	'rescheduled',
	'cancelled',
	'reminder',
	'unassigned',
	'on_my_way'
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_DRIVERS = ['outbox', 'sendgrid', 'twilio'] as const;
export type NotificationDriver = (typeof NOTIFICATION_DRIVERS)[number];

/**
 * `sending`: reserved, handed to a provider, not yet known to have gone (a worker that died
 * mid-send leaves it so, and it is never sent again); `sent`; `failed`: the provider answered
 * with a temporary error, so nothing went and a retry may claim it again; `refused`: the provider
 * will not take it (e.g. a number it cannot text), and retrying would not help.
 */
export const NOTIFICATION_STATUSES = ['sending', 'sent', 'failed', 'refused'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * One row per message a booking calls for, reserved before anything is sent. The key is unique:
 * `<appointmentId>:<kind>[@<occasion>]:<recipient>:<channel>`, e.g.
 * `0197…:reminder@2025-06-03T08:00:00.000Z:customer:sms` — so a job that runs twice, or two jobs
 * for the same occasion, send at most one message per recipient and channel.
 */
export const notificationLog = pgTable(
	'notification_log',
	{
		key: text('key').primaryKey(),
		appointmentId: uuid('appointment_id').references(() => appointments.id, {
			onDelete: 'cascade'
		}),
		kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
		recipient: text('recipient', { enum: NOTIFICATION_RECIPIENTS }).notNull(),
		channel: text('channel', { enum: NOTIFICATION_CHANNELS }).notNull(),
		toAddress: text('to_address').notNull(),
		driver: text('driver', { enum: NOTIFICATION_DRIVERS }).notNull(),
		status: text('status', { enum: NOTIFICATION_STATUSES }).notNull(),
		attempts: integer('attempts').notNull().default(1),
		providerMessageId: text('provider_message_id'),
		error: text('error'),
		createdAt: createdAt(),
		sentAt: instant('sent_at')
	},
	(t) => [
		index('idx_notification_log_appointment').on(t.appointmentId),
		index('idx_notification_log_status').on(t.status),
		check('notification_log_kind_check', oneOf('kind', NOTIFICATION_KINDS)),
		check('notification_log_recipient_check', oneOf('recipient', NOTIFICATION_RECIPIENTS)),
		check('notification_log_channel_check', oneOf('channel', NOTIFICATION_CHANNELS)),
		check('notification_log_driver_check', oneOf('driver', NOTIFICATION_DRIVERS)),
		check('notification_log_status_check', oneOf('status', NOTIFICATION_STATUSES))
	]
);

/**
 * Messages "sent" with no email or SMS provider configured: the local driver writes them here, in
 * the same transaction as their log row, and admins read them on the office's Outbox page.
 */
export const outboxMessages = pgTable(
	'outbox_messages',
	{
		id: id(),
		channel: text('channel', { enum: NOTIFICATION_CHANNELS }).notNull(),
		toAddress: text('to_address').notNull(),
		/** Emails only. */
		subject: text('subject'),
		text: text('text').notNull(),
		/** Emails only. */
		html: text('html'),
		/** The notification_log key this message was sent for: at most one message per key. */
		notificationKey: text('notification_key').notNull().unique(),
		/** What it is about, so a manager sees the messages of the bookings they manage. */
		appointmentId: uuid('appointment_id').references(() => appointments.id, {
			onDelete: 'set null'
		}),
		createdAt: createdAt()
	},
	(t) => [
		index('idx_outbox_messages_created').on(t.createdAt),
		check('outbox_messages_channel_check', oneOf('channel', NOTIFICATION_CHANNELS))
	]
);
