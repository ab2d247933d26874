import { ApplicationError } from '@rocicorp/zero';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { customerAppointments, payments } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import type { BookingErrorDetails } from '../booking/errors.ts';
import { database, type Tx } from '../db/client.ts';
import { log } from '../observe/log.ts';
import { confirmPayment } from '../payments/confirm.ts';
import { paypalSettings, stripeSettings } from '../payments/gateways.ts';
import { createPaymentIntent } from '../payments/intent.ts';
import { GatewayRefusal } from '../payments/port.ts';
import { verifyPayPalEvent } from '../payments/paypal-signature.ts';
import { handlePayPalEvent } from '../payments/paypal-webhook.ts';
import { verifyStripeEvent } from '../payments/stripe-driver.ts';
import { handleStripeEvent } from '../payments/webhook.ts';
import { bookingView } from './booking-create.ts';
import { fail, ok } from './envelope.ts';
import { parseJsonBody } from './validation.ts';

/** HTTP status of each refusal of the payment endpoints; anything else is a 422. */
const STATUS: Record<string, number> = {
	NOT_FOUND: 404,
	PAYMENT_NOT_FOUND: 404,
	HOLD_EXPIRED: 409,
	NOT_PAYABLE: 409,
	ALREADY_PAID: 409,
	NOTHING_TO_PAY: 409,
	PAYMENT_INCOMPLETE: 409,
	PAYMENT_MISMATCH: 409,
	METHOD_NOT_OFFERED: 409
};

/**
 * Runs `work` in one transaction; a refusal rolls everything back and becomes the error envelope,
 * so nothing is half-written.
 */
export async function inTransaction<T>(
	work: (tx: Tx) => Promise<T>
): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
	try {
		return { ok: true, value: await database().db.transaction(work) };
	} catch (error) {
		return { ok: false, response: refusal(error) };
	}
}

function refusal(error: unknown): Response {
	if (error instanceof GatewayRefusal) {
		return fail(422, 'PAYMENT_REFUSED', `The payment provider refused: ${error.message}`);
	}
	if (!(error instanceof ApplicationError)) throw error;
	const details = error.details as BookingErrorDetails | undefined;
	const code = details?.code ?? 'REFUSED';
	return fail(STATUS[code] ?? 422, code, error.message, details?.fields ?? {});
}

const bookingId = z.uuid('Give the booking’s id (a UUID), as POST /bookings returned it');
const token = z
	.uuid('The token is not valid')
	.optional()
	.describe(
		'The booking’s `cancellation_token`, for a caller not signed in as its customer or office'
	);

export const createIntentBody = z.strictObject({
	booking_id: bookingId,
	token,
	method: z
		.enum(['card', 'paypal'], 'The method is `card` or `paypal`')
		.optional()
		.describe(
			'`card` (the default: Stripe, or the local test driver) or `paypal`, offered only when the server has PayPal keys'
		)
});

/**
 * Where PayPal sends the customer back (paid or not): the booking's PayPal page, which captures the
 * order. `access` carries the booking's token, since PayPal adds its own `token` (the order id).
 */
export function paypalReturnUrls(origin: string, bookingId: string, token: string | undefined) {
	const url = new URL(`/booking/${bookingId}/paypal`, origin);
	if (token) url.searchParams.set('access', token);
	const cancel = new URL(url);
	cancel.searchParams.set('cancelled', '1');
	return { returnUrl: url.href, cancelUrl: cancel.href };
}

/** POST /api/v1/payments/create-intent/ */
export async function apiCreatePaymentIntent(request: Request, ctx: AuthContext | undefined) {
	const parsed = await parseJsonBody(request, createIntentBody);
	if (!parsed.ok) return parsed.response;
	const { booking_id, token, method } = parsed.data;
	const urls =
		method === 'paypal' ? paypalReturnUrls(new URL(request.url).origin, booking_id, token) : {};
	const result = await inTransaction((tx) =>
		createPaymentIntent(tx, { bookingId: booking_id, token, method, ...urls }, ctx)
	);
	if (!result.ok) return result.response;
	const { value: made } = result;
	const { intent, gateway } = made;
	return ok(
		{
			booking_id: made.bookingId,
			payment_intent_id: intent.id,
			client_secret: intent.clientSecret,
			status: intent.status,
			amount: intent.amount,
			currency: intent.currency,
			total_price: made.totalPrice,
			pays_in_full: made.paysInFull,
			driver: gateway.driver,
			test_mode: gateway.testMode,
			...(gateway.publishableKey && { publishable_key: gateway.publishableKey }),
			...(intent.approveUrl && { approve_url: intent.approveUrl })
		},
		201
	);
}

export const confirmPaymentBody = z.strictObject({
	booking_id: bookingId,
	payment_intent_id: z
		.string()
		// A Stripe or local intent (pi_…), or a PayPal order id.
		.regex(
			/^(pi_\w{1,200}|[A-Z0-9]{10,40})$/,
			'Give the payment_intent_id that create-intent returned'
		),
	token
});

/** POST /api/v1/payments/confirm/ — the booking, confirmed, with its payment. */
export async function apiConfirmPayment(request: Request, ctx: AuthContext | undefined) {
	const parsed = await parseJsonBody(request, confirmPaymentBody);
	if (!parsed.ok) return parsed.response;
	const b = parsed.data;
	const confirm = { bookingId: b.booking_id, paymentIntentId: b.payment_intent_id, token: b.token };
	const result = await inTransaction((tx) => confirmPayment(tx, confirm, ctx, Date.now()));
	if (!result.ok) return result.response;
	return ok(await paidBookingView(result.value, b.payment_intent_id));
}

/** The booking as GET /bookings/{id} shows it, with what was paid and how. */
async function paidBookingView(firstAppointmentId: string, intentId: string) {
	const { db } = database();
	const [[paid], view] = await Promise.all([
		db
			.select({ payment: payments, booking: customerAppointments })
			.from(payments)
			.innerJoin(customerAppointments, eq(customerAppointments.id, payments.customerAppointmentId))
			.where(eq(payments.transactionId, intentId)),
		bookingView(firstAppointmentId)
	]);
	const { payment, booking } = paid;
	return {
		...view,
		payment_status: booking.paymentStatus,
		deposit_paid: booking.depositPaid,
		payment: {
			payment_intent_id: payment.transactionId,
			amount: payment.amount,
			currency: payment.currency,
			status: payment.status,
			method: payment.paymentMethod,
			driver: payment.gatewayResponse.driver,
			test_mode: payment.gatewayResponse.test_mode === true
		}
	};
}

/** Stripe's events are a few KiB; anything far larger is not one. */
const MAX_WEBHOOK_BYTES = 256 * 1024;

/**
 * POST /api/v1/payments/webhook/ — Stripe's events. Security: the signature is checked over the
 * raw bytes before anything is read from them; a bad one changes nothing and gets 400.
 */
export async function apiStripeWebhook(request: Request) {
	const secret = stripeSettings().webhookSecret;
	if (!secret) {
		return fail(
			400,
			'WEBHOOK_NOT_CONFIGURED',
			'Stripe webhooks are not set up on this server (no STRIPE_WEBHOOK_SECRET)'
		);
	}
	if (Number(request.headers.get('content-length') ?? 0) > MAX_WEBHOOK_BYTES) {
		return fail(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
	}
	const body = new Uint8Array(await request.arrayBuffer());
	if (body.byteLength > MAX_WEBHOOK_BYTES) {
		return fail(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
	}
	const verified = verifyStripeEvent(body, request.headers.get('stripe-signature'), secret);
	if (!verified.ok) return fail(400, 'SIGNATURE_INVALID', verified.message);
	const { event } = verified;
	const result = await inTransaction((tx) => handleStripeEvent(tx, event, Date.now()));
	if (!result.ok) return result.response;
	log.info('payment event', { provider: 'stripe', type: event.type, outcome: result.value });
	return ok({ received: true, event_id: event.id, outcome: result.value });
}

/**
 * POST /api/v1/payments/paypal/webhook/ — PayPal's events. Security: the signature (PayPal's
 * certificate-based method, paypal-signature.ts) is checked over the raw bytes before anything is
 * read from them; a bad one changes nothing and gets 400.
 */
export async function apiPayPalWebhook(request: Request) {
	const settings = paypalSettings();
	if (!settings.webhookId || !settings.clientId || !settings.clientSecret) {
		return fail(
			400,
			'WEBHOOK_NOT_CONFIGURED',
			'PayPal webhooks are not set up on this server (no PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET and PAYPAL_WEBHOOK_ID)'
		);
	}
	if (Number(request.headers.get('content-length') ?? 0) > MAX_WEBHOOK_BYTES) {
		return fail(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
	}
	const body = new Uint8Array(await request.arrayBuffer());
	if (body.byteLength > MAX_WEBHOOK_BYTES) {
		return fail(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
	}
	const verified = await verifyPayPalEvent(body, request.headers, {
		webhookId: settings.webhookId,
		apiBase: settings.apiBase
	});
	if (!verified.ok) return fail(400, 'SIGNATURE_INVALID', verified.message);
	const { event } = verified;
	const result = await inTransaction((tx) => handlePayPalEvent(tx, event, Date.now()));
	if (!result.ok) return result.response;
	log.info('payment event', { provider: 'paypal', type: event.event_type, outcome: result.value });
	return ok({ received: true, event_id: event.id, outcome: result.value });
}

/** What the pay page says after PayPal sent the customer back (`?paypal=`), by outcome. */
export type PayPalReturnOutcome = 'paid' | 'cancelled' | string;

/**
 * GET /booking/{id}/paypal — PayPal's return (and cancel) address. The order named by PayPal's
 * `token` is captured and the booking confirmed exactly as POST /payments/confirm does (same
 * settle path, same notice); then the customer goes back to their booking's page, told how it
 * went. Returns that page's address.
 */
export async function paypalReturn(
	bookingId: string,
	url: URL,
	ctx: AuthContext | undefined
): Promise<string> {
	const access = url.searchParams.get('access') ?? undefined;
	const back = new URL(`/booking/${encodeURIComponent(bookingId)}`, url.origin);
	if (access) back.searchParams.set('token', access);
	const tell = (outcome: PayPalReturnOutcome) => {
		back.searchParams.set('paypal', outcome);
		return `${back.pathname}${back.search}`;
	};
	if (url.searchParams.get('cancelled')) return tell('cancelled');
	const parsed = confirmPaymentBody.safeParse({
		booking_id: bookingId,
		payment_intent_id: url.searchParams.get('token') ?? '',
		token: access
	});
	if (!parsed.success) return tell('PAYMENT_NOT_FOUND');
	const confirm = {
		bookingId,
		paymentIntentId: parsed.data.payment_intent_id,
		token: access
	};
	try {
		await database().db.transaction((tx) => confirmPayment(tx, confirm, ctx, Date.now()));
		return tell('paid');
	} catch (error) {
		if (error instanceof GatewayRefusal) return tell('PAYMENT_REFUSED');
		if (!(error instanceof ApplicationError)) throw error;
		return tell((error.details as BookingErrorDetails | undefined)?.code ?? 'REFUSED');
	}
}
