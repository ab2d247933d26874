import {
	GatewayRefusal,
	type IntentStatus,
	type PaymentGateway,
	type PaymentIntent
} from './port.ts';
import { fromPayPalValue, toPayPalValue } from './paypal-money.ts';

// PayPal behind the payment port, through PayPal's REST API with `fetch` (v1 OAuth token, v2
// checkout orders, v2 payments captures refund). Not the @paypal/paypal-server-sdk package: its
// client (2.5.0) takes only Environment.Production or Environment.Sandbox and hard-codes their
// https hosts (getBaseUri in its client.js); short of a TLS-intercepting proxy (its proxySettings
// tunnel with CONNECT) it cannot be pointed at the local fake the tests drive, and a driver tested
// only against PayPal's sandbox would not be tested here at all.

export type PayPalDriverSettings = {
	clientId: string;
	clientSecret: string;
	/** https://api-m.paypal.com (live), https://api-m.sandbox.paypal.com, or the fake's address. */
	apiBase: string;
};

/** PayPal's live API; any other address (the sandbox, the fake) moves no real money. */
export const PAYPAL_LIVE_API = 'https://api-m.paypal.com';

const gateways = new Map<string, PaymentGateway>();

/** One gateway (and so one cached access token) per credentials and address. */
export function paypalGateway(settings: PayPalDriverSettings): PaymentGateway {
	const key = `${settings.clientId}\n${settings.clientSecret}\n${settings.apiBase}`;
	let gateway = gateways.get(key);
	if (!gateway) {
		gateway = makeGateway(settings);
		gateways.set(key, gateway);
	}
	return gateway;
}

type Money = { currency_code: string; value: string };
type Capture = { id: string; status: string; amount: Money };
type Order = {
	id: string;
	status: string;
	purchase_units?: { amount?: Money; payments?: { captures?: Capture[] } }[];
	links?: { href: string; rel: string }[];
};
type PayPalError = {
	name?: string;
	message?: string;
	details?: { issue?: string; description?: string }[];
};

function makeGateway(settings: PayPalDriverSettings): PaymentGateway {
	const base = settings.apiBase.replace(/\/+$/, '');
	let token: { value: string; until: number } | null = null;

	/** A client-credentials access token, kept until a minute before it runs out. */
	async function accessToken(): Promise<string> {
		if (token && token.until > Date.now()) return token.value;
		const basic = Buffer.from(`${settings.clientId}:${settings.clientSecret}`).toString('base64');
		const response = await fetch(`${base}/v1/oauth2/token`, {
			method: 'POST',
			headers: {
				authorization: `Basic ${basic}`,
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'application/json'
			},
			body: 'grant_type=client_credentials',
			signal: AbortSignal.timeout(20_000)
		});
		const body = (await response.json().catch(() => ({}))) as {
			access_token?: string;
			expires_in?: number;
			error_description?: string;
		};
		if (!response.ok || !body.access_token) {
			throw new Error(
				`PayPal refused the client credentials (${response.status}): ${body.error_description ?? 'no token'}`
			);
		}
		token = {
			value: body.access_token,
			until: Date.now() + Math.max(0, (body.expires_in ?? 0) - 60) * 1000
		};
		return token.value;
	}

	/**
	 * One API call. POSTs carry PayPal-Request-Id (PayPal's idempotency key), so a call retried
	 * after a network failure or a 5xx is answered with the first result instead of acting twice.
	 */
	async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, requestId?: string) {
		for (let attempt = 0; ; attempt++) {
			let response: Response;
			try {
				response = await fetch(`${base}${path}`, {
					method,
					headers: {
						authorization: `Bearer ${await accessToken()}`,
						accept: 'application/json',
						...(body !== undefined && { 'content-type': 'application/json' }),
						...(requestId && { 'paypal-request-id': requestId }),
						prefer: 'return=representation'
					},
					body: body === undefined ? undefined : JSON.stringify(body),
					signal: AbortSignal.timeout(20_000)
				});
			} catch (error) {
				if (attempt < 2 && (method === 'GET' || requestId)) {
					await pause(attempt);
					continue;
				}
				throw error;
			}
			if (response.status === 401 && attempt === 0) {
				token = null; // revoked or expired early: one more try with a new token
				continue;
			}
			if (response.status >= 500 && attempt < 2 && (method === 'GET' || requestId)) {
				await pause(attempt);
				continue;
			}
			const json = (await response.json().catch(() => ({}))) as T & PayPalError;
			if (response.ok) return json as T;
			const issue = json.details?.[0]?.issue ?? json.name;
			const text = json.details?.[0]?.description ?? json.message ?? `HTTP ${response.status}`;
			if (response.status >= 400 && response.status < 500 && response.status !== 401) {
				throw new GatewayRefusal(text, issue);
			}
			throw new Error(`PayPal answered ${response.status} to ${method} ${path}: ${text}`);
		}
	}

	const getOrder = (id: string) =>
		call<Order>('GET', `/v2/checkout/orders/${encodeURIComponent(id)}`);

	return {
		driver: 'paypal',
		testMode: base !== PAYPAL_LIVE_API && base !== 'https://api.paypal.com',

		async createIntent(intent, idempotencyKey) {
			const order = await call<Order>(
				'POST',
				'/v2/checkout/orders',
				{
					intent: 'CAPTURE',
					purchase_units: [
						{
							reference_id: intent.bookingId,
							custom_id: intent.bookingId,
							description: intent.description,
							amount: {
								currency_code: intent.currency.toUpperCase(),
								value: toPayPalValue(intent.amount, intent.currency)
							}
						}
					],
					payment_source: {
						paypal: {
							experience_context: {
								brand_name: 'VALClean',
								user_action: 'PAY_NOW',
								shipping_preference: 'NO_SHIPPING',
								...(intent.returnUrl && { return_url: intent.returnUrl }),
								...(intent.cancelUrl && { cancel_url: intent.cancelUrl })
							}
						}
					}
				},
				idempotencyKey
			);
			return intentOf(order);
		},

		retrieveIntent: async (intent) => intentOf(await getOrder(intent.id)),

		/** The customer approved the order on PayPal's site; capturing it takes the money. */
		async confirmIntent(intent, idempotencyKey) {
			const order = await getOrder(intent.id);
			if (order.status !== 'APPROVED') return intentOf(order);
			try {
				return intentOf(
					await call<Order>(
						'POST',
						`/v2/checkout/orders/${encodeURIComponent(intent.id)}/capture`,
						{},
						idempotencyKey
					)
				);
			} catch (error) {
				// Captured meanwhile (the webhook's capture and the customer's return race): read it back.
				if (error instanceof GatewayRefusal && error.gatewayCode === 'ORDER_ALREADY_CAPTURED') {
					return intentOf(await getOrder(intent.id));
				}
				throw error;
			}
		},

		async refund(orderId, amount, idempotencyKey) {
			const order = await getOrder(orderId);
			const capture = capturesOf(order).find(
				(c) => c.status !== 'DECLINED' && c.status !== 'FAILED'
			);
			if (!capture) throw new GatewayRefusal('This PayPal order has no capture to refund');
			try {
				const refund = await call<{ id: string; status: string }>(
					'POST',
					`/v2/payments/captures/${encodeURIComponent(capture.id)}/refund`,
					{
						amount: {
							currency_code: capture.amount.currency_code,
							value: toPayPalValue(amount, capture.amount.currency_code)
						}
					},
					idempotencyKey
				);
				return { id: refund.id, status: refund.status === 'COMPLETED' ? 'succeeded' : 'pending' };
			} catch (error) {
				// Refunded already by other means (PayPal's dashboard): the money is back.
				if (error instanceof GatewayRefusal && error.gatewayCode === 'CAPTURE_FULLY_REFUNDED') {
					return { id: `already_refunded:${capture.id}`, status: 'succeeded' };
				}
				throw error;
			}
		}
	};
}

/** A short wait before a retry: 0.3 s, then 0.6 s. */
const pause = (attempt: number) =>
	new Promise((resolve) => setTimeout(resolve, 300 * (attempt + 1)));

const capturesOf = (order: Order) => order.purchase_units?.[0]?.payments?.captures ?? [];

/** A capture's status as the port's intent status. */
export function captureStatus(status: string): IntentStatus {
	if (status === 'COMPLETED' || status === 'REFUNDED' || status === 'PARTIALLY_REFUNDED')
		return 'succeeded';
	if (status === 'PENDING') return 'processing';
	return 'requires_payment_method'; // DECLINED, FAILED: the payer may try again
}

/** An order as the port's intent: its money is the capture's once captured, else the order's. */
function intentOf(order: Order): PaymentIntent {
	const capture = capturesOf(order)[0];
	const money = capture?.amount ?? order.purchase_units?.[0]?.amount;
	const amount = money ? fromPayPalValue(money.value, money.currency_code) : null;
	if (!money || amount === null) throw new Error(`PayPal order ${order.id} has no readable amount`);
	const approve = order.links?.find((l) => l.rel === 'payer-action' || l.rel === 'approve');
	const status: IntentStatus =
		order.status === 'COMPLETED'
			? captureStatus(capture?.status ?? 'COMPLETED')
			: order.status === 'APPROVED' || order.status === 'SAVED'
				? 'requires_confirmation'
				: order.status === 'VOIDED'
					? 'canceled'
					: 'requires_action'; // CREATED, PAYER_ACTION_REQUIRED: the payer has not approved yet
	return {
		id: order.id,
		// Nothing secret for the browser: the customer approves on PayPal's own page.
		clientSecret: '',
		amount,
		currency: money.currency_code.toUpperCase(),
		status,
		...(approve && status === 'requires_action' && { approveUrl: approve.href }),
		...(capture && { captureId: capture.id })
	};
}
