import { and, eq, sql } from 'drizzle-orm';
import { customerAppointments, paymentRefunds, payments } from '../../drizzle/schema.ts';
import type { BookingSettings } from '../../sync/domain/booking-policy.ts';
import { depositRefundable } from '../../sync/domain/deposit.ts';
import { refuse } from '../booking/errors.ts';
import type { Tx } from '../db/client.ts';
import { bookingKey, driverOf, type PaymentRow } from './booking.ts';
import { gatewayFor } from './gateways.ts';
import { GatewayRefusal } from './port.ts';

/**
 * Gives a succeeded gateway payment back through the driver that took it, and records it in the
 * caller's transaction: the payments row and the booking become `refunded` (the booking stays as
 * it is when the refund is of a second payment, `paid_twice`, and the first still stands). The
 * idempotency key is the booking's, so a retried transaction (or the webhook after a cancel)
 * refunds once.
 */
export async function refundPayment(
	tx: Tx,
	payment: PaymentRow,
	firstAppointmentId: string,
	reason: 'cancelled' | 'hold_expired' | 'paid_twice',
	now: number
) {
	const driver = driverOf(payment);
	if (!driver || !payment.transactionId) return;
	// What the office has already refunded of it (payments by hand) stays refunded: only the rest goes back.
	const [{ given }] = await tx
		.select({ given: sql<number>`coalesce(sum(${paymentRefunds.amount}), 0)::int` })
		.from(paymentRefunds)
		.where(eq(paymentRefunds.paymentId, payment.id));
	const rest = payment.amount - given;
	const refund =
		rest > 0
			? await gatewayFor(driver).refund(
					payment.transactionId,
					rest,
					bookingKey(firstAppointmentId, 'refund')
				)
			: null;
	if (refund) {
		await tx.insert(paymentRefunds).values({
			customerAppointmentId: payment.customerAppointmentId,
			paymentId: payment.id,
			amount: rest,
			method: 'gateway',
			reason,
			gatewayRefundId: refund.id,
			refundedAt: new Date(now)
		});
	}
	await tx
		.update(payments)
		.set({
			status: 'refunded',
			gatewayResponse: {
				...payment.gatewayResponse,
				...(refund && { refund_id: refund.id, refund_status: refund.status }),
				refund_reason: reason,
				refunded_at: new Date(now).toISOString()
			}
		})
		.where(eq(payments.id, payment.id));
	if (reason === 'paid_twice') return;
	await tx
		.update(customerAppointments)
		.set({ paymentStatus: 'refunded' })
		.where(eq(customerAppointments.id, payment.customerAppointmentId));
}

/**
 * Called by the cancellation, after the status change, in its transaction: before the cut-off
 * (sync/domain/deposit.ts) what was paid when booking goes back; from the cut-off on it is kept.
 * Only payments a gateway took are refunded here; cash and the like are the office's to settle.
 * `appointment` is the booking as it was before it was cancelled.
 */
export async function refundDepositOnCancel(
	tx: Tx,
	appointment: { id: string; startTime: Date; status: string },
	settings: BookingSettings,
	now: number
) {
	if (!depositRefundable(now, appointment.startTime.getTime(), appointment.status, settings))
		return;
	const paid = await tx
		.select({ payment: payments })
		.from(payments)
		.innerJoin(customerAppointments, eq(customerAppointments.id, payments.customerAppointmentId))
		.where(
			and(eq(customerAppointments.appointmentId, appointment.id), eq(payments.status, 'succeeded'))
		);
	for (const { payment } of paid) {
		try {
			await refundPayment(tx, payment, appointment.id, 'cancelled', now);
		} catch (error) {
			if (!(error instanceof GatewayRefusal)) throw error;
			refuse(
				'REFUND_FAILED',
				`The payment could not be refunded (${error.message}), so the booking has not been cancelled. Please call the office.`
			);
		}
	}
}
