import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { STRIPE_JS_STANDIN } from './stripe-js.ts';

// A small stand-in for Stripe's API, enough for the `stripe` SDK as server/payments drives it:
// PaymentIntents (create, retrieve, confirm), refunds, form-encoded bodies, `Idempotency-Key`
// (the same key answers with the same response, as Stripe does for 24 hours), and Stripe's error
// shape. Tests point the SDK at it with STRIPE_API_BASE; events are built here and signed by the
// test with the SDK's own helper (`Stripe.webhooks.generateTestHeaderString`).

export type FakeIntent = {
	id: string;
	object: 'payment_intent';
	amount: number;
	amount_received: number;
	currency: string;
	status: string;
	client_secret: string;
	description: string | null;
	metadata: Record<string, string>;
	last_payment_error: { code: string; message: string } | null;
	livemode: false;
	created: number;
};

export type FakeRefund = {
	id: string;
	object: 'refund';
	amount: number;
	currency: string;
	payment_intent: string;
	status: 'succeeded';
	created: number;
};

/** A request the fake received: what a test checks the SDK sent. */
export type FakeRequest = {
	method: string;
	path: string;
	idempotencyKey: string | null;
	params: Record<string, unknown>;
};

type Answer = { status: number; body: unknown };
type Stored = { status: number; text: string };
const stored = (answer: Answer): Stored => ({
	status: answer.status,
	text: JSON.stringify(answer.body)
});

/** Declined when confirmed with this payment method, like Stripe's test card of the same name. */
export const DECLINED_CARD = 'pm_card_chargeDeclined';

export async function startFakeStripe() {
	const intents = new Map<string, FakeIntent>();
	const refunds = new Map<string, FakeRefund>();
	const idempotent = new Map<string, Stored>();
	const requests: FakeRequest[] = [];
	let sequence = 0;
	const nextId = (prefix: string) => `${prefix}_fake${String(++sequence).padStart(6, '0')}`;
	const now = () => Math.floor(Date.now() / 1000);

	function route(method: string, path: string, params: Record<string, unknown>): Answer {
		if (method === 'POST' && path === '/v1/payment_intents') return createIntent(params);
		const intentPath = /^\/v1\/payment_intents\/([^/]+)(\/confirm)?$/.exec(path);
		if (intentPath) {
			const intent = intents.get(intentPath[1]);
			if (!intent) return missing('payment_intent', intentPath[1]);
			if (method === 'GET' && !intentPath[2]) return { status: 200, body: intent };
			if (method === 'POST' && intentPath[2]) return confirm(intent, params);
		}
		if (method === 'POST' && path === '/v1/refunds') return refund(params);
		return invalid(`Unrecognized request URL (${method}: ${path})`);
	}

	function createIntent(params: Record<string, unknown>): Answer {
		const amount = Number(params.amount);
		if (!Number.isInteger(amount) || amount < 1) return invalid('Invalid integer', 'amount');
		if (typeof params.currency !== 'string') return invalid('Missing required param', 'currency');
		const id = nextId('pi');
		const intent: FakeIntent = {
			id,
			object: 'payment_intent',
			amount,
			amount_received: 0,
			currency: params.currency,
			status: 'requires_payment_method',
			client_secret: `${id}_secret_${randomBytes(12).toString('hex')}`,
			description: typeof params.description === 'string' ? params.description : null,
			metadata: (params.metadata as Record<string, string>) ?? {},
			last_payment_error: null,
			livemode: false,
			created: now()
		};
		intents.set(id, intent);
		return { status: 200, body: intent };
	}

	/** What Stripe.js does in the customer's browser: pay the intent with a card. */
	function confirm(intent: FakeIntent, params: Record<string, unknown>): Answer {
		if (intent.status === 'succeeded' || intent.status === 'canceled') {
			return invalid(
				`This PaymentIntent's status is ${intent.status}`,
				undefined,
				'payment_intent_unexpected_state'
			);
		}
		if (params.payment_method === DECLINED_CARD) {
			intent.status = 'requires_payment_method';
			intent.last_payment_error = { code: 'card_declined', message: 'Your card was declined.' };
		} else {
			intent.status = 'succeeded';
			intent.amount_received = intent.amount;
			intent.last_payment_error = null;
		}
		return { status: 200, body: intent };
	}

	function refund(params: Record<string, unknown>): Answer {
		const intent = intents.get(String(params.payment_intent));
		if (!intent) return missing('payment_intent', String(params.payment_intent));
		if (intent.status !== 'succeeded') {
			return invalid('This PaymentIntent does not have a successful charge to refund.');
		}
		const already = [...refunds.values()]
			.filter((r) => r.payment_intent === intent.id)
			.reduce((sum, r) => sum + r.amount, 0);
		if (already >= intent.amount_received) {
			return invalid(
				`Charge for ${intent.id} has already been refunded.`,
				undefined,
				'charge_already_refunded'
			);
		}
		const amount =
			params.amount === undefined ? intent.amount_received - already : Number(params.amount);
		if (!Number.isInteger(amount) || amount < 1 || already + amount > intent.amount_received) {
			return invalid('Refund amount is greater than the amount left to refund', 'amount');
		}
		const made: FakeRefund = {
			id: nextId('re'),
			object: 'refund',
			amount,
			currency: intent.currency,
			payment_intent: intent.id,
			status: 'succeeded',
			created: now()
		};
		refunds.set(made.id, made);
		return { status: 200, body: made };
	}

	/** Who may call: the secret key; or, to confirm an intent as Stripe.js does, the publishable key and the intent's client secret. */
	function authorised(
		authorization: string,
		method: string,
		path: string,
		params: Record<string, unknown>
	) {
		if (/^Bearer [sr]k_(test|live)_\w+$/.test(authorization)) return true;
		const confirming = /^\/v1\/payment_intents\/([^/]+)\/confirm$/.exec(path);
		return (
			method === 'POST' &&
			/^Bearer pk_test_\w+$/.test(authorization) &&
			!!confirming &&
			intents.get(confirming[1])?.client_secret === params.client_secret
		);
	}

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const cors = {
			'access-control-allow-origin': '*',
			'access-control-allow-headers': 'authorization, content-type, idempotency-key, stripe-version'
		};
		if (req.method === 'OPTIONS') {
			res.writeHead(204, cors);
			res.end();
			return;
		}
		const url = new URL(req.url ?? '/', 'http://fake');
		const method = req.method ?? 'GET';
		if (method === 'GET' && url.pathname === '/v3/') {
			res.writeHead(200, { ...cors, 'content-type': 'text/javascript' });
			res.end(STRIPE_JS_STANDIN);
			return;
		}
		const text = await readBody(req);
		const params = parseForm(method === 'GET' ? url.search.slice(1) : text);
		const key = req.headers['idempotency-key'];
		const idempotencyKey = typeof key === 'string' ? key : null;
		requests.push({ method, path: url.pathname, idempotencyKey, params });

		let answer: Stored;
		if (!authorised(req.headers.authorization ?? '', method, url.pathname, params)) {
			answer = stored({
				status: 401,
				body: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } }
			});
		} else if (idempotencyKey && method === 'POST') {
			// Stored as sent: a later change to the intent must not alter an answer already given.
			const scoped = `${url.pathname}\n${idempotencyKey}`;
			answer = idempotent.get(scoped) ?? stored(route(method, url.pathname, params));
			idempotent.set(scoped, answer);
		} else {
			answer = stored(route(method, url.pathname, params));
		}
		res.writeHead(answer.status, {
			...cors,
			'content-type': 'application/json',
			'request-id': `req_${randomBytes(8).toString('hex')}`,
			...(idempotencyKey && { 'idempotency-key': idempotencyKey })
		});
		res.end(answer.text);
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			res.writeHead(500, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ error: { type: 'api_error', message: String(error) } }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		intents,
		refunds,
		requests,
		/** The customer pays in their browser (Stripe.js confirms the intent with a card). */
		pay(intentId: string, paymentMethod = 'pm_card_visa') {
			const intent = intents.get(intentId);
			if (!intent) throw new Error(`no intent ${intentId}`);
			return confirm(intent, { payment_method: paymentMethod }).body as FakeIntent;
		},
		/** A Stripe event about an intent, as Stripe would POST it to the webhook. */
		event(type: 'payment_intent.succeeded' | 'payment_intent.payment_failed', intentId: string) {
			const intent = intents.get(intentId);
			if (!intent) throw new Error(`no intent ${intentId}`);
			return {
				id: nextId('evt'),
				object: 'event',
				api_version: '2026-10-28.endive',
				created: now(),
				livemode: false,
				pending_webhooks: 1,
				request: { id: null, idempotency_key: null },
				type,
				data: { object: structuredClone(intent) }
			};
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;

function invalid(message: string, param?: string, code?: string): Answer {
	return {
		status: 400,
		body: {
			error: {
				type: 'invalid_request_error',
				message,
				...(param && { param }),
				...(code && { code })
			}
		}
	};
}

function missing(kind: string, id: string): Answer {
	return {
		status: 404,
		body: {
			error: {
				type: 'invalid_request_error',
				code: 'resource_missing',
				message: `No such ${kind}: '${id}'`
			}
		}
	};
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

/**
 * A form body as the SDK encodes it (`metadata[booking_id]=…&automatic_payment_methods[enabled]=true`)
 * into nested objects; numbers stay strings, as Stripe receives them.
 */
export function parseForm(text: string): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	for (const [name, value] of new URLSearchParams(text)) {
		const path = name.replace(/\]/g, '').split('[');
		let target = result;
		for (const part of path.slice(0, -1)) {
			target[part] ??= {};
			target = target[part] as Record<string, unknown>;
		}
		target[path.at(-1)!] = value;
	}
	return result;
}
