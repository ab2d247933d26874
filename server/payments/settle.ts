import { and, eq, ne, or, sql } from 'drizzle-orm';
import { appointments, customerAppointments, payments } from '../../drizzle/schema.ts';
import type { LoadedBooking } from '../booking/access.ts';
import { refuse } from '../booking/errors.ts';
import type { Tx } from '../db/client.ts';
import { jobPayload } from '../observe/context.ts';
import { HOLDING_STATUSES, type PaymentRow } from './booking.ts';
import type { PaymentIntent } from './port.ts';
import { refundPayment } from './refund.ts';
import { issueInvoice } from '../billing/invoice.ts';

export type Settled = 'confirmed' | 'unchanged' | 'refunded';

/**
 * A succeeded intent, recorded once, in the caller's transaction, with the booking locked
 * (booking.ts): the payments row `succeeded`; every `pending` appointment of the booking (all the
 * occurrences of a recurring series) `confirmed`; the booking `paid` or `deposit_paid`, with its
 * invoice (a confirmed booking no longer holds a deadline: the hold sweep takes `pending` ones
 * only); the confirmation notice queued. The confirm call and Stripe's webhook both come here; whichever is second finds the payment succeeded and changes nothing.
 *
 * Money taken for a booking that no longer holds its time (the hold ran out, or it was cancelled,
 * while the customer paid) goes straight back.
 */
export async function settleSucceeded(
	tx: Tx,
	booking: LoadedBooking,
	payment: PaymentRow,
	intent: Pick<PaymentIntent, 'id' | 'amount' | 'currency' | 'captureId'>,
	now: number
): Promise<Settled> {
	if (payment.status === 'succeeded' || payment.status === 'refunded') return 'unchanged';
	if (intent.amount !== payment.amount || intent.currency !== payment.currency.toUpperCase()) {
		// Only someone with the secret key could change an intent's amount: never confirm on it.
		refuse(
			'PAYMENT_MISMATCH',
			`The payment is for ${intent.amount} ${intent.currency}, the booking asked ${payment.amount} ${payment.currency}`
		);
	}
	const first = booking.appointment.id;
	// PayPal's capture id, which its refund events name instead of the order.
	const taken = intent.captureId
		? { ...payment, gatewayResponse: { ...payment.gatewayResponse, capture_id: intent.captureId } }
		: payment;
	if (!HOLDING_STATUSES.has(booking.appointment.status)) {
		await refundPayment(tx, taken, first, 'hold_expired', now);
		return 'refunded';
	}
	// Paid already by the other method (the card and PayPal each have an intent): this one goes back.
	const [other] = await tx
		.select({ id: payments.id })
		.from(payments)
		.where(
			and(
				eq(payments.customerAppointmentId, payment.customerAppointmentId),
				eq(payments.status, 'succeeded'),
				ne(payments.id, payment.id),
				sql`${payments.gatewayResponse} ? 'driver'`
			)
		);
	if (other) {
		await refundPayment(tx, taken, first, 'paid_twice', now);
		return 'refunded';
	}
	const at = new Date(now);
	await tx
		.update(payments)
		.set({
			status: 'succeeded',
			gatewayResponse: { ...taken.gatewayResponse, succeeded_at: at.toISOString() }
		})
		.where(eq(payments.id, payment.id));
	await tx
		.update(appointments)
		.set({ status: 'confirmed', updatedAt: at })
		.where(
			and(
				or(eq(appointments.id, first), eq(appointments.seriesId, first)),
				eq(appointments.status, 'pending')
			)
		);
	await tx
		.update(customerAppointments)
		.set({
			paymentStatus: payment.amount >= booking.booking.totalPrice ? 'paid' : 'deposit_paid',
			depositPaid: payment.amount
		})
		.where(eq(customerAppointments.id, booking.booking.id));
	await issueInvoice(tx, booking, payment.amount, now);
	// Sent by the worker after this commits; the job is in the same transaction as the confirmation.
	await tx.execute(sql`SELECT graphile_worker.add_job(
		'booking__notify_confirmed',
		${JSON.stringify(jobPayload({ appointmentId: first }))}::json,
		job_key := ${`notify-confirmed:${first}`}::text,
		max_attempts := 10
	)`);
	return 'confirmed';
}

/**
 * A failed attempt: the payment, and the booking if nothing was paid, are marked `failed` unless
 * the payment has gone through after all (Stripe does not promise the order of its events). The
 * customer may still try another card on the same intent while the hold lasts.
 */
export async function settleFailed(tx: Tx, payment: PaymentRow, reason: string, now: number) {
	if (payment.status !== 'pending' && payment.status !== 'failed') return;
	await tx
		.update(payments)
		.set({
			status: 'failed',
			gatewayResponse: {
				...payment.gatewayResponse,
				failure_message: reason,
				failed_at: new Date(now).toISOString()
			}
		})
		.where(eq(payments.id, payment.id));
	await tx
		.update(customerAppointments)
		.set({ paymentStatus: 'failed' })
		.where(
			and(
				eq(customerAppointments.id, payment.customerAppointmentId),
				eq(customerAppointments.paymentStatus, 'unpaid')
			)
		);
}
