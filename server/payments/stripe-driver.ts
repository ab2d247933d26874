import Stripe from 'stripe';
import { GatewayRefusal, type IntentStatus, type PaymentGateway } from './port.ts';

// The only file that imports the Stripe SDK.

export type StripeDriverSettings = {
	secretKey: string;
	publishableKey?: string;
	/** e.g. http://127.0.0.1:12111 for the fake in tests/fakes/stripe.ts; Stripe's own when unset. */
	apiBase?: string;
};

const clients = new Map<string, PaymentGateway>();

/** One client per key and address, made on first use. */
export function stripeGateway(settings: StripeDriverSettings): PaymentGateway {
	const cacheKey = `${settings.secretKey}\n${settings.apiBase ?? ''}\n${settings.publishableKey ?? ''}`;
	let gateway = clients.get(cacheKey);
	if (!gateway) {
		gateway = makeGateway(settings);
		clients.set(cacheKey, gateway);
	}
	return gateway;
}

function address(
	apiBase: string | undefined
): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
	if (!apiBase) return {};
	const url = new URL(apiBase);
	const protocol = url.protocol === 'http:' ? 'http' : 'https';
	return { host: url.hostname, port: url.port || (protocol === 'http' ? 80 : 443), protocol };
}

function makeGateway(settings: StripeDriverSettings): PaymentGateway {
	const stripe = new Stripe(settings.secretKey, {
		...address(settings.apiBase),
		// The SDK retries network failures with the same idempotency key, so a retry never charges twice.
		maxNetworkRetries: 2,
		timeout: 20_000,
		telemetry: false,
		appInfo: { name: 'VALClean' }
	});
	const intentOf = (pi: Stripe.PaymentIntent) => ({
		id: pi.id,
		clientSecret: pi.client_secret ?? '',
		amount: pi.amount,
		currency: pi.currency.toUpperCase(),
		status: pi.status as IntentStatus
	});

	return {
		driver: 'stripe',
		// Live keys start sk_live_ (or rk_live_ when restricted); anything else moves no money.
		testMode: !/^[sr]k_live_/.test(settings.secretKey),
		publishableKey: settings.publishableKey,

		createIntent: (intent, idempotencyKey) =>
			refusals(async () => {
				const pi = await stripe.paymentIntents.create(
					{
						amount: intent.amount,
						currency: intent.currency.toLowerCase(),
						description: intent.description,
						metadata: { booking_id: intent.bookingId },
						automatic_payment_methods: { enabled: true }
					},
					{ idempotencyKey }
				);
				return intentOf(pi);
			}),

		retrieveIntent: (intent) =>
			refusals(async () => intentOf(await stripe.paymentIntents.retrieve(intent.id))),

		// The customer's browser confirmed the intent with Stripe.js; here it is only read back.
		confirmIntent: (intent) =>
			refusals(async () => intentOf(await stripe.paymentIntents.retrieve(intent.id))),

		refund: (intentId, amount, idempotencyKey) =>
			refusals(async () => {
				try {
					const refund = await stripe.refunds.create(
						{ payment_intent: intentId, amount },
						{ idempotencyKey }
					);
					return { id: refund.id, status: refund.status ?? 'pending' };
				} catch (error) {
					// Refunded already by other means (e.g. by hand in Stripe's dashboard): the money is back.
					if (
						error instanceof Stripe.errors.StripeError &&
						error.code === 'charge_already_refunded'
					)
						return { id: `already_refunded:${intentId}`, status: 'succeeded' };
					throw error;
				}
			})
	};
}

/** Stripe's "no" to a request (4xx) as the port's GatewayRefusal; network failures stay errors. */
async function refusals<T>(call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (error) {
		if (
			error instanceof Stripe.errors.StripeInvalidRequestError ||
			error instanceof Stripe.errors.StripeCardError
		) {
			throw new GatewayRefusal(error.message, error.code);
		}
		throw error;
	}
}

/** A verified event: its id, its type and the object it is about (a PaymentIntent, …). */
export type StripeEvent = { id: string; type: string; object: unknown };

export type StripeEventResult = { ok: true; event: StripeEvent } | { ok: false; message: string };

/**
 * A webhook's event, if `signature` (the `Stripe-Signature` header) signs exactly these raw bytes
 * with `secret` and is recent (Stripe's default five-minute tolerance, against replays).
 * Security: verify the bytes as received; parsed and re-serialised JSON would not match.
 */
export function verifyStripeEvent(
	payload: Uint8Array,
	signature: string | null,
	secret: string
): StripeEventResult {
	if (!signature) return { ok: false, message: 'The Stripe-Signature header is missing' };
	try {
		const event = Stripe.webhooks.constructEvent(payload, signature, secret);
		return { ok: true, event: { id: event.id, type: event.type, object: event.data.object } };
	} catch (error) {
		if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
			return { ok: false, message: 'The Stripe-Signature header does not sign this body' };
		}
		throw error;
	}
}
