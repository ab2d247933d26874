import { eq } from 'drizzle-orm';
import { payments, services } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { amountDueNow } from '../../sync/domain/deposit.ts';
import { refuse } from '../booking/errors.ts';
import { loadSettings } from '../booking/settings.ts';
import type { Tx } from '../db/client.ts';
import { bookingKey, driverOf, lockBookingFor, paymentOf } from './booking.ts';
import { gatewayFor, paymentGateway, paypalOffered } from './gateways.ts';
import type { PaymentGateway, PaymentIntent } from './port.ts';

export type IntentRequest = {
	bookingId: string;
	token?: string;
	/** `card` (Stripe, or the local driver) unless `paypal`, which is offered only with its keys. */
	method?: 'card' | 'paypal';
	/** Where PayPal sends the customer back after approving, or giving up. */
	returnUrl?: string;
	cancelUrl?: string;
};

/**
 * The PaymentIntent for a `pending` booking: the amount due now (the service's deposit, or the
 * whole price) worked out here from the booking's own total, never taken from the client, and a
 * `pending` payments row naming the intent. Asking again gives the same intent, read back through
 * the row; the gateway's idempotency key (`booking:<id>:intent`) covers a request retried after
 * the gateway made the intent but before this transaction committed. A recurring
 * series pays for its first clean here; each later clean is settled on its own. The card and
 * PayPal each have their own intent (a PayPal order) for the booking; whichever is paid first
 * confirms it (settle.ts gives back a second payment).
 */
export async function createPaymentIntent(
	tx: Tx,
	request: IntentRequest,
	ctx: AuthContext | undefined
) {
	const method = request.method ?? 'card';
	if (method === 'paypal' && !paypalOffered()) {
		refuse('METHOD_NOT_OFFERED', 'PayPal is not offered here: pay by card', 'method');
	}
	const { appointment, booking } = await lockBookingFor(tx, request.bookingId, ctx, request.token);
	const latest = await paymentOf(tx, booking.id);
	if (latest?.status === 'succeeded') refuse('ALREADY_PAID', 'This booking is already paid for');
	const existing = await paymentOf(tx, booking.id, undefined, method);
	if (appointment.status === 'expired') refuse('HOLD_EXPIRED', HOLD_EXPIRED_MESSAGE);
	if (appointment.status !== 'pending') {
		refuse(
			'NOT_PAYABLE',
			`This booking is ${appointment.status.replace('_', ' ')}: it cannot be paid online`
		);
	}
	const [service] = await tx
		.select({ kind: services.depositKind, value: services.depositValue })
		.from(services)
		.where(eq(services.id, appointment.serviceId));
	const due = amountDueNow(booking.totalPrice, service);
	if (!due.ok) refuse(due.reason, due.message);
	// The intent made earlier (pending, or failed and open to another card) is the one to pay.
	const reuse = existing && existing.status !== 'refunded' ? existing : null;
	if (!reuse && due.amount === 0) refuse('NOTHING_TO_PAY', 'Nothing is due for this booking now');

	if (reuse?.transactionId) {
		const gateway = gatewayFor(driverOf(reuse)!);
		const intent = await gateway.retrieveIntent({
			id: reuse.transactionId,
			amount: reuse.amount,
			currency: reuse.currency
		});
		return answer(appointment.id, intent, gateway, booking.totalPrice);
	}
	const gateway = method === 'paypal' ? gatewayFor('paypal') : paymentGateway();
	const { currency } = await loadSettings(tx);
	const intent = await gateway.createIntent(
		{
			amount: due.amount,
			currency,
			bookingId: appointment.id,
			description: `VALClean booking ${appointment.id}`,
			returnUrl: request.returnUrl,
			cancelUrl: request.cancelUrl
		},
		bookingKey(appointment.id, 'intent')
	);
	await tx.insert(payments).values({
		customerAppointmentId: booking.id,
		amount: intent.amount,
		currency: intent.currency,
		paymentMethod:
			gateway.driver === 'local' ? 'test' : gateway.driver === 'paypal' ? 'paypal' : 'card',
		status: 'pending',
		transactionId: intent.id,
		gatewayResponse: { driver: gateway.driver, test_mode: gateway.testMode }
	});
	return answer(appointment.id, intent, gateway, booking.totalPrice);
}

function answer(bookingId: string, intent: PaymentIntent, gateway: PaymentGateway, total: number) {
	return { bookingId, intent, gateway, totalPrice: total, paysInFull: intent.amount >= total };
}

export const HOLD_EXPIRED_MESSAGE =
	'The time held for this booking ran out before it was paid, and the slot has been released. Please book again.';
