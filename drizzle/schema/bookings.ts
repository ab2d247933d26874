import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { locations, services } from './catalog.ts';
import { createdAt, id, instant, oneOf } from './columns.ts';
import { customers } from './customers.ts';
import { staff } from './staff.ts';

/**
 * A booking's commercial status. `cancelled` and `expired` free the cleaner's time (see the
 * exclusion constraint in migrations/0001_appointment_overlap.sql); every other status holds it.
 */
export const APPOINTMENT_STATUSES = [
	'pending',
	'confirmed',
	'completed',
	'cancelled',
	'expired',
	'no_show'
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const appointments = pgTable(
	'appointments',
	{
		id: id(),
		staffId: uuid('staff_id')
			.notNull()
			.references(() => staff.id),
		serviceId: uuid('service_id')
			.notNull()
			.references(() => services.id),
		locationId: uuid('location_id').references(() => locations.id),
		startTime: instant('start_time').notNull(),
		endTime: instant('end_time').notNull(),
		// The cleaner's busy span: start minus padding before, end plus padding after. Written by the
		// server with the appointment; the exclusion constraint works on these plain columns because
		// Postgres will not index an expression over the padding.
		blockedFrom: instant('blocked_from').notNull(),
		blockedUntil: instant('blocked_until').notNull(),
		status: text('status', { enum: APPOINTMENT_STATUSES }).notNull().default('pending'),
		/** A recurring clean's occurrences share this id (the first occurrence's own id). */
		seriesId: uuid('series_id'),
		/**
		 * When a `pending` booking made by a customer stops holding its time unpaid (the settings'
		 * hold minutes after booking); the worker's minutely sweep then marks it `expired`. Null for
		 * a booking that holds no such deadline (one awaiting the office's confirmation).
		 */
		holdExpiresAt: instant('hold_expires_at'),
		calendarEventId: jsonb('calendar_event_id')
			.$type<Record<string, string>>()
			.notNull()
			.default({}),
		calendarSyncedTo: jsonb('calendar_synced_to').$type<string[]>().notNull().default([]),
		createdAt: createdAt(),
		updatedAt: createdAt('updated_at')
	},
	(t) => [
		index('idx_appointments_staff_date').on(t.staffId, t.startTime),
		index('idx_appointments_service_date').on(t.serviceId, t.startTime),
		index('idx_appointments_status').on(t.status),
		index('idx_appointments_series').on(t.seriesId),
		index('idx_appointments_hold_expires_at')
			.on(t.holdExpiresAt)
			.where(sql`status = 'pending' AND hold_expires_at IS NOT NULL`),
		check('appointments_status_check', oneOf('status', APPOINTMENT_STATUSES)),
		check('appointments_time_check', sql`start_time < end_time`),
		check(
			'appointments_blocked_check',
			sql`blocked_from <= start_time AND blocked_until >= end_time`
		)
	]
);

export const PAYMENT_STATUSES = ['unpaid', 'deposit_paid', 'paid', 'refunded', 'failed'] as const;

/** Extra booked with an appointment: `{extraId, quantity, price}` with the unit price in pence. */
export type BookedExtra = { extraId: string; name: string; quantity: number; price: number };

export const customerAppointments = pgTable(
	'customer_appointments',
	{
		id: id(),
		customerId: uuid('customer_id')
			.notNull()
			.references(() => customers.id),
		appointmentId: uuid('appointment_id')
			.notNull()
			.references(() => appointments.id, { onDelete: 'cascade' }),
		numberOfPersons: integer('number_of_persons').notNull().default(1),
		extras: jsonb('extras').$type<BookedExtra[]>().notNull().default([]),
		customFields: jsonb('custom_fields').$type<Record<string, string>>().notNull().default({}),
		totalPrice: integer('total_price').notNull(),
		depositPaid: integer('deposit_paid').notNull().default(0),
		paymentStatus: text('payment_status', { enum: PAYMENT_STATUSES }).notNull().default('unpaid'),
		cancellationToken: uuid('cancellation_token').notNull().unique().defaultRandom(),
		createdAt: createdAt()
	},
	(t) => [
		index('idx_customer_appointments_customer').on(t.customerId),
		index('idx_customer_appointments_appointment').on(t.appointmentId),
		check('customer_appointments_payment_status_check', oneOf('payment_status', PAYMENT_STATUSES)),
		check('customer_appointments_persons_check', sql`number_of_persons >= 1`),
		check('customer_appointments_money_check', sql`total_price >= 0 AND deposit_paid >= 0`)
	]
);

/**
 * The office's own notes on an appointment, in a table of their own so that what customers sync of
 * their bookings (the appointment rows) never carries them. One row per appointment, made on the
 * first note.
 */
export const appointmentNotes = pgTable('appointment_notes', {
	appointmentId: uuid('appointment_id')
		.primaryKey()
		.references(() => appointments.id, { onDelete: 'cascade' }),
	internalNotes: text('internal_notes').notNull().default(''),
	updatedAt: createdAt('updated_at')
});
