import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
	customerAppointments,
	paymentRefunds,
	payments,
	paypalEvents
} from '../../drizzle/schema.ts';
import type { Tx } from '../db/client.ts';
import { bookingBalance, settleBalance } from './balance.ts';
import { bookingKey, HOLDING_STATUSES, lockBooking, type PaymentRow } from './booking.ts';
import { gatewayFor } from './gateways.ts';
import { fromPayPalValue } from './paypal-money.ts';
import type { PayPalEvent } from './paypal-signature.ts';
import { settleFailed, settleSucceeded } from './settle.ts';

export type PayPalEventOutcome =
	'duplicate' | 'ignored' | 'confirmed' | 'unchanged' | 'refunded' | 'failed' | 'pending';

const money = z.object({ currency_code: z.string(), value: z.string() });
// PAYMENT.CAPTURE.*: the resource is the capture; its order is in supplementary_data.
const captureOfEvent = z.object({
	id: z.string(),
	status: z.string().optional(),
	amount: money,
	supplementary_data: z.object({ related_ids: z.object({ order_id: z.string() }) })
});
// CHECKOUT.ORDER.APPROVED: the resource is the order.
const orderOfEvent = z.object({ id: z.string() });
// PAYMENT.CAPTURE.REFUNDED: the resource is the refund; its capture is its `up` link.
const refundOfEvent = z.object({
	id: z.string(),
	amount: money,
	links: z.array(z.object({ rel: z.string(), href: z.string() }))
});

/**
 * One verified PayPal event, in the caller's transaction: its id is recorded first, so a replay
 * (PayPal delivers at least once) finds it and changes nothing, and a concurrent duplicate waits
 * on the primary key until this one commits. Orders this server did not make are ignored.
 * - CHECKOUT.ORDER.APPROVED: the customer approved but may never come back to the return page
 *   (closed the tab): the order is captured here, with the return page's idempotency key, and the
 *   booking confirmed as that page would. Not captured once the hold has run out.
 * - PAYMENT.CAPTURE.COMPLETED: the booking confirmed (settle.ts), as Stripe's succeeded event.
 * - PAYMENT.CAPTURE.DENIED / DECLINED: the payment marked failed.
 * - PAYMENT.CAPTURE.REFUNDED: a refund made at PayPal (its dashboard) recorded; our own refunds
 *   are recorded already and change nothing.
 */
export async function handlePayPalEvent(
	tx: Tx,
	event: PayPalEvent,
	now: number
): Promise<PayPalEventOutcome> {
	const fresh = await tx
		.insert(paypalEvents)
		.values({ id: event.id, type: event.event_type })
		.onConflictDoNothing()
		.returning({ id: paypalEvents.id });
	if (fresh.length === 0) return 'duplicate';

	switch (event.event_type) {
		case 'CHECKOUT.ORDER.APPROVED': {
			const order = orderOfEvent.safeParse(event.resource);
			return order.success ? captureApproved(tx, order.data.id, now) : 'ignored';
		}
		case 'PAYMENT.CAPTURE.COMPLETED':
		case 'PAYMENT.CAPTURE.PENDING':
		case 'PAYMENT.CAPTURE.DENIED':
		case 'PAYMENT.CAPTURE.DECLINED': {
			const parsed = captureOfEvent.safeParse(event.resource);
			if (!parsed.success) return 'ignored';
			const capture = parsed.data;
			const ours = await lockedPayment(tx, capture.supplementary_data.related_ids.order_id);
			if (!ours) return 'ignored';
			if (event.event_type === 'PAYMENT.CAPTURE.PENDING') return 'pending';
			if (event.event_type !== 'PAYMENT.CAPTURE.COMPLETED') {
				await settleFailed(tx, ours.payment, 'PayPal declined the payment', now);
				return 'failed';
			}
			const amount = fromPayPalValue(capture.amount.value, capture.amount.currency_code);
			if (amount === null) return 'ignored';
			return settleSucceeded(
				tx,
				ours.booking,
				ours.payment,
				{
					id: ours.payment.transactionId!,
					amount,
					currency: capture.amount.currency_code.toUpperCase(),
					captureId: capture.id
				},
				now
			);
		}
		case 'PAYMENT.CAPTURE.REFUNDED': {
			const parsed = refundOfEvent.safeParse(event.resource);
			return parsed.success ? recordRefund(tx, parsed.data, now) : 'ignored';
		}
		default:
			return 'ignored';
	}
}

/** Our PayPal payment for an order, read under its booking's lock (the return page and events race). */
async function lockedPayment(tx: Tx, orderId: string) {
	const [ours] = await tx
		.select({ appointmentId: customerAppointments.appointmentId })
		.from(payments)
		.innerJoin(customerAppointments, eq(customerAppointments.id, payments.customerAppointmentId))
		.where(
			and(
				eq(payments.transactionId, orderId),
				sql`${payments.gatewayResponse}->>'driver' = 'paypal'`
			)
		);
	if (!ours) return null;
	const booking = await lockBooking(tx, ours.appointmentId);
	const [payment] = await tx.select().from(payments).where(eq(payments.transactionId, orderId));
	return booking && payment ? { booking, payment } : null;
}

async function captureApproved(tx: Tx, orderId: string, now: number): Promise<PayPalEventOutcome> {
	const ours = await lockedPayment(tx, orderId);
	if (!ours) return 'ignored';
	const { booking, payment } = ours;
	if (payment.status === 'succeeded' || payment.status === 'refunded') return 'unchanged';
	// A hold that has run out is not paid for: the order is left uncaptured and lapses at PayPal.
	if (!HOLDING_STATUSES.has(booking.appointment.status)) return 'ignored';
	const intent = await gatewayFor('paypal').confirmIntent(
		{ id: orderId, amount: payment.amount, currency: payment.currency },
		bookingKey(booking.appointment.id, 'confirm')
	);
	if (intent.status === 'processing') return 'pending';
	if (intent.status !== 'succeeded') return 'unchanged';
	return settleSucceeded(tx, booking, payment, intent, now);
}

async function recordRefund(
	tx: Tx,
	refund: z.infer<typeof refundOfEvent>,
	now: number
): Promise<PayPalEventOutcome> {
	const up = refund.links.find((l) => l.rel === 'up')?.href ?? '';
	const captureId = /\/v2\/payments\/captures\/([^/?#]+)/.exec(up)?.[1];
	if (!captureId) return 'ignored';
	const [found] = await tx
		.select({ transactionId: payments.transactionId })
		.from(payments)
		.where(sql`${payments.gatewayResponse}->>'capture_id' = ${decodeURIComponent(captureId)}`);
	const ours = found?.transactionId && (await lockedPayment(tx, found.transactionId));
	if (!ours) return 'ignored';
	const { booking, payment } = ours;
	const [known] = await tx
		.select({ id: paymentRefunds.id })
		.from(paymentRefunds)
		.where(eq(paymentRefunds.gatewayRefundId, refund.id));
	if (known) return 'unchanged';
	const amount = fromPayPalValue(refund.amount.value, refund.amount.currency_code);
	if (amount === null || amount <= 0) return 'ignored';
	await tx.insert(paymentRefunds).values({
		customerAppointmentId: payment.customerAppointmentId,
		paymentId: payment.id,
		amount,
		method: 'gateway',
		reason: 'Refunded at PayPal',
		gatewayRefundId: refund.id,
		refundedAt: new Date(now)
	});
	const after = await bookingBalance(tx, payment.customerAppointmentId);
	if (!after.balance.online.some((o) => o.paymentId === payment.id))
		await markRefunded(tx, payment, refund.id, now);
	await settleBalance(tx, booking, after.balance, now, false);
	return 'refunded';
}

async function markRefunded(tx: Tx, payment: PaymentRow, refundId: string, now: number) {
	await tx
		.update(payments)
		.set({
			status: 'refunded',
			gatewayResponse: {
				...payment.gatewayResponse,
				refund_id: refundId,
				refunded_at: new Date(now).toISOString()
			}
		})
		.where(eq(payments.id, payment.id));
}
