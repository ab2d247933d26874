import type { AuthContext } from '../../sync/auth.ts';
import { refuse } from '../booking/errors.ts';
import type { Tx } from '../db/client.ts';
import { bookingKey, driverOf, lockBookingFor, paymentOf } from './booking.ts';
import { gatewayFor } from './gateways.ts';
import { HOLD_EXPIRED_MESSAGE } from './intent.ts';
import { settleSucceeded } from './settle.ts';

export type ConfirmRequest = { bookingId: string; paymentIntentId: string; token?: string };

/**
 * The customer's "I have paid": with the local driver this completes the payment (test mode);
 * with Stripe it reads the intent back and goes on only if Stripe says it succeeded. Then the
 * booking is confirmed in this transaction (settle.ts). A second call changes nothing. A hold that
 * has run out is refused before any money moves here; a Stripe payment that completed regardless
 * is refunded when its webhook arrives.
 * Returns the id of the booking's first appointment.
 */
export async function confirmPayment(
	tx: Tx,
	request: ConfirmRequest,
	ctx: AuthContext | undefined,
	now: number
): Promise<string> {
	const booking = await lockBookingFor(tx, request.bookingId, ctx, request.token);
	const first = booking.appointment.id;
	const payment = await paymentOf(tx, booking.booking.id, request.paymentIntentId);
	const driver = payment && driverOf(payment);
	if (!payment || !driver) {
		refuse(
			'PAYMENT_NOT_FOUND',
			'This booking has no payment with this payment_intent_id',
			'payment_intent_id'
		);
	}
	if (payment.status === 'succeeded') return first;
	const status = booking.appointment.status;
	if (status === 'expired') refuse('HOLD_EXPIRED', HOLD_EXPIRED_MESSAGE);
	if (status !== 'pending' && status !== 'confirmed') {
		refuse('NOT_PAYABLE', `This booking is ${status.replace('_', ' ')}: it cannot be paid online`);
	}
	const intent = await gatewayFor(driver).confirmIntent(
		{ id: request.paymentIntentId, amount: payment.amount, currency: payment.currency },
		bookingKey(first, 'confirm')
	);
	if (intent.status !== 'succeeded') {
		refuse(
			'PAYMENT_INCOMPLETE',
			intent.status === 'processing'
				? 'The payment is still being processed; the booking is confirmed as soon as it completes'
				: 'The payment has not been completed: please pay, then confirm again'
		);
	}
	await settleSucceeded(tx, booking, payment, intent, now);
	return first;
}
