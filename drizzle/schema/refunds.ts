import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { payments } from './billing.ts';
import { customerAppointments } from './bookings.ts';
import { createdAt, id, instant, oneOf } from './columns.ts';
import { users } from './users.ts';

/**
 * How money went back: through the gateway that took the payment, or by hand (cash, bank transfer).
 */
export const REFUND_METHODS = ['gateway', 'cash', 'bank_transfer'] as const;
export type RefundMethod = (typeof REFUND_METHODS)[number];

/**
 * Money given back for a booking, one row per refund (a payment may be refunded in parts). Revenue is
 * what the payments took minus these rows. A gateway refund names the payment it gave back
 * (`payment_id`); a refund by hand names none. Synced to the office, whose booking card lists them.
 */
export const paymentRefunds = pgTable(
	'payment_refunds',
	{
		id: id(),
		customerAppointmentId: uuid('customer_appointment_id')
			.notNull()
			.references(() => customerAppointments.id, { onDelete: 'cascade' }),
		paymentId: uuid('payment_id').references(() => payments.id),
		/** Pence, more than zero. */
		amount: integer('amount').notNull(),
		method: text('method', { enum: REFUND_METHODS }).notNull(),
		reference: text('reference').notNull().default(''),
		reason: text('reason').notNull().default(''),
		/** The gateway's refund id, for a gateway refund. */
		gatewayRefundId: text('gateway_refund_id'),
		/** The office user who gave it (null for the automatic refund of a cancellation). */
		recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
		/** When the money went back: the office's date for a refund by hand, else the server's clock. */
		refundedAt: instant('refunded_at').notNull(),
		createdAt: createdAt(),
		details: jsonb('details').$type<Record<string, unknown>>().notNull().default({})
	},
	(t) => [
		index('idx_payment_refunds_booking').on(t.customerAppointmentId),
		index('idx_payment_refunds_refunded_at').on(t.refundedAt),
		check('payment_refunds_amount_check', sql`amount > 0`),
		check('payment_refunds_method_check', oneOf('method', REFUND_METHODS))
	]
);
