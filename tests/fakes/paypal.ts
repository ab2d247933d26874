import { execFileSync } from 'node:child_process';
import { createSign, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

// A small stand-in for PayPal's REST API, enough for server/payments/paypal-driver.ts: the OAuth
// client-credentials token, v2 checkout orders (create, get, capture), v2 captures refund, with
// `PayPal-Request-Id` (the same id answers with the same response, as PayPal does) and PayPal's
// error shape; the approve page (`/checkoutnow?token=…`) that sends the customer back to the
// order's return URL; and webhooks signed as PayPal signs them (SHA256withRSA over
// `transmission_id|time|webhook_id|crc32(body)`), with a key pair and a self-signed certificate
// made at start-up and served at `/v1/notifications/certs/…`. Tests point the driver at it with
// PAYPAL_API_BASE.

export type Money = { currency_code: string; value: string };
export type FakeCapture = {
	id: string;
	status: 'COMPLETED' | 'PARTIALLY_REFUNDED' | 'REFUNDED';
	amount: Money;
	final_capture: true;
	supplementary_data: { related_ids: { order_id: string } };
	create_time: string;
};
export type FakeOrder = {
	id: string;
	intent: 'CAPTURE';
	status: 'PAYER_ACTION_REQUIRED' | 'APPROVED' | 'COMPLETED' | 'VOIDED';
	purchase_units: {
		reference_id?: string;
		custom_id?: string;
		description?: string;
		amount: Money;
		payments?: { captures: FakeCapture[] };
	}[];
	links: { href: string; rel: string; method: string }[];
	create_time: string;
	/** Where the approve page sends the customer (not part of PayPal's answer: stripped when sent). */
	returnUrl?: string;
	cancelUrl?: string;
};
export type FakeRefund = {
	id: string;
	status: 'COMPLETED';
	amount: Money;
	links: { href: string; rel: string; method: string }[];
	create_time: string;
};
export type FakeRequest = { method: string; path: string; requestId: string | null; body: unknown };

export type KeyPair = { privateKey: string; certificate: string };

/** An RSA key and a self-signed certificate for it (node:crypto cannot make certificates). */
export function makeSigningKey(commonName = 'messageverificationcerts.fake.paypal'): KeyPair {
	const dir = mkdtempSync(join(tmpdir(), 'fake-paypal-'));
	try {
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-sha256',
				'-days',
				'2',
				'-subj',
				`/CN=${commonName}`,
				'-keyout',
				join(dir, 'key.pem'),
				'-out',
				join(dir, 'cert.pem')
			],
			{ stdio: 'ignore' }
		);
		return {
			privateKey: readFileSync(join(dir, 'key.pem'), 'utf8'),
			certificate: readFileSync(join(dir, 'cert.pem'), 'utf8')
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** PayPal's webhook headers for `body`, signed with `privateKey`, naming `certUrl`. */
export function signWebhook(
	body: string,
	options: { webhookId: string; privateKey: string; certUrl: string; transmissionId?: string }
): Record<string, string> {
	const transmissionId = options.transmissionId ?? randomUUID();
	const time = new Date().toISOString();
	const signer = createSign('sha256');
	signer.update(`${transmissionId}|${time}|${options.webhookId}|${crc32(Buffer.from(body)) >>> 0}`);
	return {
		'content-type': 'application/json',
		'paypal-transmission-id': transmissionId,
		'paypal-transmission-time': time,
		'paypal-transmission-sig': signer.sign(options.privateKey, 'base64'),
		'paypal-cert-url': options.certUrl,
		'paypal-auth-algo': 'SHA256withRSA'
	};
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

/** What the driver sends to create an order (the parts the fake reads). */
type OrderBody = {
	intent?: string;
	purchase_units?: {
		reference_id?: string;
		custom_id?: string;
		description?: string;
		amount?: Partial<Money>;
	}[];
	payment_source?: {
		paypal?: { experience_context?: { return_url?: string; cancel_url?: string } };
	};
};

/** A refund as PayPal shows it (without the fake's own note of its capture). */
function refundShown(refund: FakeRefund & { captureId?: string }): FakeRefund {
	const copy = structuredClone(refund);
	delete copy.captureId;
	return copy;
}

export async function startFakePayPal(options: { clientId: string; clientSecret: string }) {
	const key = makeSigningKey();
	const orders = new Map<string, FakeOrder>();
	const captures = new Map<string, FakeCapture>();
	const refunds = new Map<string, FakeRefund & { captureId: string }>();
	const tokens = new Set<string>();
	const idempotent = new Map<string, Answer>();
	const requests: FakeRequest[] = [];
	/** Paths whose next POST is carried out but answered 503, as if the answer were lost on the way. */
	const loseAnswer = new Set<RegExp>();
	let sequence = 0;
	// PayPal's ids are 17 upper-case letters and digits.
	const nextId = (prefix: string) =>
		`${prefix}${String(++sequence).padStart(6, '0')}${randomBytes(8).toString('hex').toUpperCase()}`.slice(
			0,
			17
		);
	const iso = () => new Date().toISOString();
	let url = '';

	const error = (status: number, name: string, issue: string, description: string): Answer => ({
		status,
		body: {
			name,
			message: description,
			debug_id: randomBytes(6).toString('hex'),
			details: [{ issue, description }]
		}
	});
	const unprocessable = (issue: string, description: string) =>
		error(422, 'UNPROCESSABLE_ENTITY', issue, description);
	const notFound = (what: string) =>
		error(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID', `No such ${what}`);
	const shown = (order: FakeOrder) => {
		const copy = structuredClone(order);
		delete copy.returnUrl;
		delete copy.cancelUrl;
		return copy;
	};

	function createOrder(body: OrderBody | null): Answer {
		const unit = body?.purchase_units?.[0];
		if (
			body?.intent !== 'CAPTURE' ||
			!unit?.amount?.currency_code ||
			!/^\d+(\.\d{2})?$/.test(unit.amount.value ?? '')
		) {
			return error(
				400,
				'INVALID_REQUEST',
				'INVALID_PARAMETER_VALUE',
				'A purchase unit with an amount is required'
			);
		}
		const context = body.payment_source?.paypal?.experience_context ?? {};
		const id = nextId('');
		const order: FakeOrder = {
			id,
			intent: 'CAPTURE',
			status: 'PAYER_ACTION_REQUIRED',
			purchase_units: [
				{
					reference_id: unit.reference_id,
					custom_id: unit.custom_id,
					description: unit.description,
					amount: { currency_code: unit.amount.currency_code, value: unit.amount.value! }
				}
			],
			links: [
				{ href: `${url}/v2/checkout/orders/${id}`, rel: 'self', method: 'GET' },
				{ href: `${url}/checkoutnow?token=${id}`, rel: 'payer-action', method: 'GET' }
			],
			create_time: iso(),
			returnUrl: context.return_url,
			cancelUrl: context.cancel_url
		};
		orders.set(id, order);
		return { status: 200, body: shown(order) };
	}

	function capture(order: FakeOrder): Answer {
		if (order.status === 'COMPLETED')
			return unprocessable('ORDER_ALREADY_CAPTURED', 'Order already captured.');
		if (order.status !== 'APPROVED')
			return unprocessable(
				'ORDER_NOT_APPROVED',
				'Payer has not yet approved the Order for payment.'
			);
		const unit = order.purchase_units[0];
		const made: FakeCapture = {
			id: nextId('C'),
			status: 'COMPLETED',
			amount: { ...unit.amount },
			final_capture: true,
			supplementary_data: { related_ids: { order_id: order.id } },
			create_time: iso()
		};
		captures.set(made.id, made);
		unit.payments = { captures: [made] };
		order.status = 'COMPLETED';
		return { status: 201, body: shown(order) };
	}

	function refund(captureId: string, body: { amount?: Money } | null): Answer {
		const captured = captures.get(captureId);
		if (!captured) return notFound('capture');
		const cents = (m: Money) => Math.round(Number(m.value) * 100);
		const already = [...refunds.values()]
			.filter((r) => r.captureId === captureId)
			.reduce((s, r) => s + cents(r.amount), 0);
		if (already >= cents(captured.amount))
			return unprocessable('CAPTURE_FULLY_REFUNDED', 'The capture has already been fully refunded');
		const amount: Money = body?.amount ?? {
			currency_code: captured.amount.currency_code,
			value: ((cents(captured.amount) - already) / 100).toFixed(2)
		};
		if (
			amount.currency_code !== captured.amount.currency_code ||
			already + cents(amount) > cents(captured.amount) ||
			cents(amount) <= 0
		) {
			return unprocessable(
				'REFUND_AMOUNT_EXCEEDED',
				'The refund amount must be less than or equal to the capture amount that has not yet been refunded.'
			);
		}
		const made = {
			id: nextId('R'),
			status: 'COMPLETED' as const,
			amount,
			links: [
				{ href: `${url}/v2/payments/refunds/${'$ID'}`, rel: 'self', method: 'GET' },
				{ href: `${url}/v2/payments/captures/${captureId}`, rel: 'up', method: 'GET' }
			],
			create_time: iso(),
			captureId
		};
		made.links[0].href = `${url}/v2/payments/refunds/${made.id}`;
		refunds.set(made.id, made);
		captured.status =
			already + cents(amount) >= cents(captured.amount) ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
		return { status: 201, body: refundShown(made) };
	}

	function api(method: string, path: string, body: unknown): Answer {
		if (method === 'POST' && path === '/v2/checkout/orders')
			return createOrder(body as OrderBody | null);
		const orderPath = /^\/v2\/checkout\/orders\/([^/]+)(\/capture)?$/.exec(path);
		if (orderPath) {
			const order = orders.get(orderPath[1]);
			if (!order) return notFound('order');
			if (method === 'GET' && !orderPath[2]) return { status: 200, body: shown(order) };
			if (method === 'POST' && orderPath[2]) return capture(order);
		}
		const refundPath = /^\/v2\/payments\/captures\/([^/]+)\/refund$/.exec(path);
		if (method === 'POST' && refundPath)
			return refund(refundPath[1], body as { amount?: Money } | null);
		const capturePath = /^\/v2\/payments\/captures\/([^/]+)$/.exec(path);
		if (method === 'GET' && capturePath) {
			const found = captures.get(capturePath[1]);
			return found ? { status: 200, body: found } : notFound('capture');
		}
		return notFound(`resource ${method} ${path}`);
	}

	/** The customer approves the order on "PayPal's site": where the browser goes next. */
	function approve(orderId: string): string {
		const order = orders.get(orderId);
		if (!order) throw new Error(`no order ${orderId}`);
		if (order.status === 'PAYER_ACTION_REQUIRED') order.status = 'APPROVED';
		const back = new URL(order.returnUrl ?? `${url}/returned`);
		back.searchParams.append('token', order.id);
		back.searchParams.append('PayerID', 'FAKEPAYER0001');
		return back.href;
	}

	/** The customer gives up on "PayPal's site": PayPal sends them to the cancel URL. */
	function cancel(orderId: string): string {
		const order = orders.get(orderId);
		if (!order) throw new Error(`no order ${orderId}`);
		const back = new URL(order.cancelUrl ?? `${url}/cancelled`);
		back.searchParams.append('token', order.id);
		return back.href;
	}

	function approvePage(order: FakeOrder): string {
		const unit = order.purchase_units[0];
		return `<!doctype html><html><head><title>PayPal (fake) · approve</title></head><body>
<h1>PayPal (fake)</h1><p>Pay <strong id="amount">${unit.amount.value} ${unit.amount.currency_code}</strong> to VALClean</p>
<form method="post" action="/checkoutnow/approve?token=${order.id}"><button type="submit">Pay now</button></form>
<form method="post" action="/checkoutnow/cancel?token=${order.id}"><button type="submit">Cancel and return</button></form>
</body></html>`;
	}

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const at = new URL(req.url ?? '/', url);
		const method = req.method ?? 'GET';
		const text = await readBody(req);
		const send = (answer: Answer) => {
			res.writeHead(answer.status, {
				'content-type': 'application/json',
				'paypal-debug-id': randomBytes(6).toString('hex'),
				...answer.headers
			});
			res.end(answer.status === 204 ? undefined : JSON.stringify(answer.body));
		};
		const orderId = at.searchParams.get('token') ?? '';
		if (at.pathname === '/checkoutnow') {
			const order = orders.get(orderId);
			res.writeHead(order ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
			res.end(order ? approvePage(order) : 'No such order');
			return;
		}
		if (
			method === 'POST' &&
			(at.pathname === '/checkoutnow/approve' || at.pathname === '/checkoutnow/cancel')
		) {
			if (!orders.has(orderId)) return send(notFound('order'));
			res.writeHead(303, {
				location: at.pathname.endsWith('approve') ? approve(orderId) : cancel(orderId)
			});
			res.end();
			return;
		}
		if (method === 'GET' && at.pathname === '/v1/notifications/certs/CERT-fake-signing') {
			res.writeHead(200, { 'content-type': 'text/plain' });
			res.end(key.certificate);
			return;
		}
		if (method === 'POST' && at.pathname === '/v1/oauth2/token') {
			requests.push({ method, path: at.pathname, requestId: null, body: text });
			const expected = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`;
			if (
				req.headers.authorization !== expected ||
				!text.includes('grant_type=client_credentials')
			) {
				return send({
					status: 401,
					body: { error: 'invalid_client', error_description: 'Client Authentication failed' }
				});
			}
			const token = `A21AA${randomBytes(16).toString('hex')}`;
			tokens.add(token);
			return send({
				status: 200,
				body: {
					scope: 'https://uri.paypal.com/services/payments/payment',
					access_token: token,
					token_type: 'Bearer',
					app_id: 'APP-FAKE',
					expires_in: 32400,
					nonce: randomUUID()
				}
			});
		}
		let body: unknown = null;
		try {
			body = text ? JSON.parse(text) : null;
		} catch {
			return send(error(400, 'INVALID_REQUEST', 'MALFORMED_REQUEST_JSON', 'The body is not JSON'));
		}
		const requestId =
			typeof req.headers['paypal-request-id'] === 'string'
				? req.headers['paypal-request-id']
				: null;
		requests.push({ method, path: at.pathname, requestId, body });

		const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
		if (!bearer || !tokens.has(bearer)) {
			return send({
				status: 401,
				body: { error: 'invalid_token', error_description: 'Token signature verification failed' }
			});
		}
		if (requestId && method === 'POST') {
			// As sent the first time: a later change to the order must not alter an answer already given.
			const scoped = `${at.pathname}\n${requestId}`;
			const answer = idempotent.get(scoped) ?? api(method, at.pathname, body);
			idempotent.set(scoped, structuredClone(answer));
			const lost = [...loseAnswer].find((path) => path.test(at.pathname));
			if (lost) {
				loseAnswer.delete(lost);
				return send(error(503, 'SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'Try again'));
			}
			return send(answer);
		}
		return send(api(method, at.pathname, body));
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((failure: unknown) => {
			res.writeHead(500, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ name: 'INTERNAL_SERVER_ERROR', message: String(failure) }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const certUrl = `${url}/v1/notifications/certs/CERT-fake-signing`;
	let events = 0;

	return {
		url,
		certUrl,
		key,
		orders,
		captures,
		refunds,
		requests,
		/** The next POST to a path matching `path` is carried out, but its answer is lost (503). */
		loseNextAnswer: (path: RegExp) => void loseAnswer.add(path),
		approve,
		cancel,
		/** A PayPal event about an order (CHECKOUT.ORDER.*), a capture (PAYMENT.CAPTURE.*) or a refund. */
		event(type: string, resourceId: string) {
			const resource = orders.has(resourceId)
				? shown(orders.get(resourceId)!)
				: captures.has(resourceId)
					? structuredClone(captures.get(resourceId)!)
					: (() => {
							const found = refunds.get(resourceId);
							if (!found) throw new Error(`no order, capture or refund ${resourceId}`);
							return refundShown(found);
						})();
			return {
				id: `WH-${String(++events).padStart(4, '0')}-${randomBytes(8).toString('hex').toUpperCase()}`,
				event_version: '1.0',
				create_time: iso(),
				resource_type: orders.has(resourceId)
					? 'checkout-order'
					: captures.has(resourceId)
						? 'capture'
						: 'refund',
				resource_version: '2.0',
				event_type: type,
				summary: `${type} (fake)`,
				resource
			};
		},
		/** The headers PayPal sends with `body`, signed with the fake's own key (or another's). */
		sign(body: string, webhookId: string, by: { privateKey?: string; certUrl?: string } = {}) {
			return signWebhook(body, {
				webhookId,
				privateKey: by.privateKey ?? key.privateKey,
				certUrl: by.certUrl ?? certUrl
			});
		},
		/** Delivers a signed event to the app's webhook, as PayPal would. */
		async deliver(webhookUrl: string, event: unknown, webhookId: string) {
			const body = JSON.stringify(event);
			return fetch(webhookUrl, { method: 'POST', headers: this.sign(body, webhookId), body });
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

export type FakePayPal = Awaited<ReturnType<typeof startFakePayPal>>;

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}
