// The payment port (design.md convention 7): the booking flow talks to this interface only, and
// gateways.ts picks the driver — Stripe when STRIPE_SECRET_KEY is set, else the local one, which
// moves no money. PayPal is a second method beside the card, offered when its keys are set.

export type PaymentDriver = 'local' | 'stripe' | 'paypal';

/** A PaymentIntent's status, as Stripe names them; the local driver uses two of them. */
export type IntentStatus =
	| 'requires_payment_method'
	| 'requires_confirmation'
	| 'requires_action'
	| 'processing'
	| 'requires_capture'
	| 'canceled'
	| 'succeeded';

export type PaymentIntent = {
	id: string;
	/** What the customer's browser needs to pay this intent (Stripe.js); never stored. */
	clientSecret: string;
	/** Pence. */
	amount: number;
	/** Upper case, as the rest of the app writes it ('GBP'). */
	currency: string;
	status: IntentStatus;
	/** Where the customer approves the payment on the provider's own site (PayPal's approve link). */
	approveUrl?: string;
	/** The provider's id of the money taken, when it is not the intent's (PayPal's capture id). */
	captureId?: string;
};

export type NewIntent = {
	amount: number;
	currency: string;
	/** The booking paid for (its first appointment's id), kept on the intent for the office. */
	bookingId: string;
	description: string;
	/** Where a provider that takes the customer away (PayPal) sends them back, paid or not. */
	returnUrl?: string;
	cancelUrl?: string;
};

/** Which intent to confirm, and what our own record says it is for. */
export type IntentRef = { id: string; amount: number; currency: string };

export type Refund = { id: string; status: string };

export interface PaymentGateway {
	readonly driver: PaymentDriver;
	/** No real money moves: the local driver, or Stripe with a test key. */
	readonly testMode: boolean;
	/** For Stripe.js in the browser; only the Stripe driver has one. */
	readonly publishableKey?: string;
	/** Makes an intent; the same idempotency key gives back the same intent. */
	createIntent(intent: NewIntent, idempotencyKey: string): Promise<PaymentIntent>;
	/** The intent as it stands (the local driver keeps no state: its intents wait to be confirmed). */
	retrieveIntent(intent: IntentRef): Promise<PaymentIntent>;
	/**
	 * The intent after the customer's confirm step. Local: completed here and now (test mode).
	 * Stripe: read back as the customer's browser left it (Stripe.js confirmed it with the card;
	 * card details never reach this server).
	 */
	confirmIntent(intent: IntentRef, idempotencyKey: string): Promise<PaymentIntent>;
	/** Gives `amount` of a succeeded intent back; the same key refunds once. */
	refund(intentId: string, amount: number, idempotencyKey: string): Promise<Refund>;
}

/** The gateway refused a request (bad amount, intent in the wrong state); nothing was charged. */
export class GatewayRefusal extends Error {
	constructor(
		message: string,
		readonly gatewayCode?: string
	) {
		super(message);
		this.name = 'GatewayRefusal';
	}
}
