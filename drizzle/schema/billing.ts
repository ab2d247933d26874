import { sql } from 'drizzle-orm';
import {
	check,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { customerAppointments } from './bookings.ts';
import { createdAt, id, instant, oneOf } from './columns.ts';
import { customers } from './customers.ts';

export const PAYMENT_METHODS = ['card', 'paypal', 'cash', 'bank_transfer', 'test'] as const;
export const PAYMENT_ROW_STATUSES = ['pending', 'succeeded', 'failed', 'refunded'] as const;

/**
 * Money taken for a booking. A card payment is one row per Stripe PaymentIntent (`transaction_id`):
 * written `pending` when the intent is made, then `succeeded`, `failed` or `refunded` as it goes.
 */
export const payments = pgTable(
	'payments',
	{
		id: id(),
		customerAppointmentId: uuid('customer_appointment_id')
			.notNull()
			.references(() => customerAppointments.id),
		amount: integer('amount').notNull(),
		currency: text('currency').notNull().default('GBP'),
		paymentMethod: text('payment_method', { enum: PAYMENT_METHODS }).notNull(),
		status: text('status', { enum: PAYMENT_ROW_STATUSES }).notNull().default('pending'),
		transactionId: text('transaction_id'),
		gatewayResponse: jsonb('gateway_response')
			.$type<Record<string, unknown>>()
			.notNull()
			.default({}),
		createdAt: createdAt(),
		/** When the money arrived, for a payment recorded by hand (the office's date); revenue
		 * counts a payment on this day, else on `created_at`. */
		receivedAt: instant('received_at')
	},
	(t) => [
		index('idx_payments_status').on(t.status),
		index('idx_payments_customer_appointment').on(t.customerAppointmentId),
		// The confirm call and Stripe's webhook may race for the same intent: one row, whoever wins.
		uniqueIndex('payments_transaction_unique').on(t.transactionId),
		check('payments_method_check', oneOf('payment_method', PAYMENT_METHODS)),
		check('payments_status_check', oneOf('status', PAYMENT_ROW_STATUSES))
	]
);

export const INVOICE_STATUSES = ['draft', 'issued', 'paid', 'void'] as const;

export const invoices = pgTable(
	'invoices',
	{
		id: id(),
		customerId: uuid('customer_id')
			.notNull()
			.references(() => customers.id),
		customerAppointmentId: uuid('customer_appointment_id').references(
			() => customerAppointments.id
		),
		invoiceNumber: text('invoice_number').notNull().unique(),
		totalAmount: integer('total_amount').notNull(),
		taxAmount: integer('tax_amount').notNull().default(0),
		status: text('status', { enum: INVOICE_STATUSES }).notNull().default('issued'),
		dueDate: date('due_date', { mode: 'string' }),
		paidAt: instant('paid_at'),
		createdAt: createdAt()
	},
	(t) => [
		index('idx_invoices_customer').on(t.customerId),
		check('invoices_status_check', oneOf('status', INVOICE_STATUSES)),
		check('invoices_money_check', sql`total_amount >= 0 AND tax_amount >= 0`)
	]
);

/**
 * Stripe events already handled, by event id, written in the same transaction as what the event
 * changed: Stripe delivers an event at least once, and a replay must change nothing. Not synced.
 */
export const stripeEvents = pgTable('stripe_events', {
	id: text('id').primaryKey(),
	type: text('type').notNull(),
	receivedAt: createdAt('received_at')
});

/**
 * PayPal webhook events already handled, by event id (`WH-…`), written in the same transaction as
 * what the event changed: PayPal also delivers at least once. Not synced.
 */
export const paypalEvents = pgTable('paypal_events', {
	id: text('id').primaryKey(),
	type: text('type').notNull(),
	receivedAt: createdAt('received_at')
});
