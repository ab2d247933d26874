import { createServer } from 'node:http';
import type { ReadonlyJSONValue } from '@rocicorp/zero';
import { zeroDrizzle } from '@rocicorp/zero/server/adapters/drizzle';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../drizzle/schema.ts';
import { mutators } from '../../sync/mutators/index.ts';
import { schema } from '../../sync/schema.ts';
import { makeSigningKey, startFakePayPal, type FakePayPal } from '../../tests/fakes/paypal.ts';
import { bookFirstFree, postJson, type MadeBooking } from '../../tests/support/book-rest.ts';
import { runOutHold } from '../../tests/support/holds.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import { apiCancelBooking } from '../api/booking-manage.ts';
import {
	apiConfirmPayment,
	apiCreatePaymentIntent,
	apiPayPalWebhook,
	paypalReturn
} from '../api/payments.ts';
import { authContextFor } from '../auth/context.ts';
import { closeDatabase } from '../db/client.ts';
import { runServerMutator } from '../zero/endpoint.ts';
import { paypalOffered } from './gateways.ts';

// The PayPal driver (PayPal's REST API through fetch) against the local fake of PayPal's API
// (tests/fakes/paypal.ts); webhooks signed by the fake with its own key and certificate, and
// verified by the server itself.

const CLIENT = { clientId: 'AVfakeClientId', clientSecret: 'EFfakeClientSecret' };
const WEBHOOK_ID = '4JH86294D6297924G';
const PAYPAL_ENV = [
	'PAYPAL_CLIENT_ID',
	'PAYPAL_CLIENT_SECRET',
	'PAYPAL_WEBHOOK_ID',
	'PAYPAL_API_BASE'
];
let pg: TestDatabase;
let fake: FakePayPal;

const CUSTOMER = {
	name: 'Priya Shah',
	email: 'priya.shah@example.com',
	phone: '07700 900321',
	address_line1: '12 Church Street',
	city: 'London',
	postcode: 'N16 9PD'
};
const book = (slug: string, day: number) =>
	bookFirstFree(pg.db, pg.sql, { slug, day, customer: CUSTOMER });

type Order = { payment_intent_id: string; amount: number; approve_url: string; driver: string };

async function orderFor(made: MadeBooking): Promise<Order> {
	const response = await apiCreatePaymentIntent(
		postJson({ booking_id: made.id, token: made.cancellation_token, method: 'paypal' }),
		undefined
	);
	const body = await response.json();
	expect(response.status, JSON.stringify(body)).toBe(201);
	return body.data;
}

/** The customer comes back from PayPal to this address: where the server sends them next. */
const comeBack = (made: MadeBooking, returnUrl: string) =>
	paypalReturn(made.id, new URL(returnUrl), undefined);

function deliver(payload: string, headers: Record<string, string>) {
	return apiPayPalWebhook(
		new Request('http://test/api/v1/payments/paypal/webhook/', {
			method: 'POST',
			headers,
			body: payload
		})
	);
}

async function outcome(event: unknown) {
	const payload = JSON.stringify(event);
	const response = await deliver(payload, fake.sign(payload, WEBHOOK_ID));
	const body = await response.json();
	expect(response.status, JSON.stringify(body)).toBe(200);
	return body.data.outcome as string;
}

async function state(appointmentId: string) {
	const [row] = await pg.sql`
		SELECT a.status, ca.payment_status, ca.deposit_paid,
			(SELECT json_agg(p.* ORDER BY p.created_at) FROM payments p WHERE p.customer_appointment_id = ca.id) AS payments,
			(SELECT json_agg(r.* ORDER BY r.created_at) FROM payment_refunds r WHERE r.customer_appointment_id = ca.id) AS refunds,
			(SELECT count(*)::int FROM graphile_worker.jobs j WHERE j.key = ${`notify-confirmed:${appointmentId}`}) AS notices,
			(SELECT count(*)::int FROM invoices i WHERE i.customer_appointment_id = ca.id) AS invoices,
			(SELECT count(*)::int FROM paypal_events) AS events
		FROM appointments a JOIN customer_appointments ca ON ca.appointment_id = a.id
		WHERE a.id = ${appointmentId}`;
	return row;
}

const calls = (path: RegExp) =>
	fake.requests.filter((r) => r.method === 'POST' && path.test(r.path));

beforeAll(async () => {
	[pg, fake] = await Promise.all([startTestDatabase(), startFakePayPal(CLIENT)]);
	await seedQuietDiary(pg.url);
	process.env.DATABASE_URL = pg.url;
	process.env.PAYPAL_CLIENT_ID = CLIENT.clientId;
	process.env.PAYPAL_CLIENT_SECRET = CLIENT.clientSecret;
	process.env.PAYPAL_WEBHOOK_ID = WEBHOOK_ID;
	process.env.PAYPAL_API_BASE = fake.url;
});

afterAll(async () => {
	for (const name of PAYPAL_ENV) delete process.env[name];
	await closeDatabase();
	await Promise.all([pg?.stop(), fake?.close()]);
});

describe('paying with PayPal (the REST API against the fake)', () => {
	it('is not offered without all of its keys', async () => {
		expect(paypalOffered()).toBe(true);
		for (const name of ['PAYPAL_CLIENT_ID', 'PAYPAL_CLIENT_SECRET', 'PAYPAL_WEBHOOK_ID']) {
			const env = { ...process.env, [name]: '' };
			expect(paypalOffered(env)).toBe(false);
		}
		const made = await book('deep-clean-flat', 7);
		const saved = process.env.PAYPAL_WEBHOOK_ID;
		delete process.env.PAYPAL_WEBHOOK_ID;
		try {
			const response = await apiCreatePaymentIntent(
				postJson({ booking_id: made.id, token: made.cancellation_token, method: 'paypal' }),
				undefined
			);
			expect(response.status).toBe(409);
			expect((await response.json()).error.code).toBe('METHOD_NOT_OFFERED');
			const hook = await deliver('{}', fake.sign('{}', WEBHOOK_ID));
			expect([hook.status, (await hook.json()).error.code]).toEqual([
				400,
				'WEBHOOK_NOT_CONFIGURED'
			]);
		} finally {
			process.env.PAYPAL_WEBHOOK_ID = saved;
		}
		expect((await state(made.id)).payments).toBeNull();
	});

	it('takes the customer to PayPal and back, captures the order and confirms the booking', async () => {
		const made = await book('end-of-tenancy-small', 8);
		const order = await orderFor(made);
		const deposit = Math.floor((made.total_price * 25 + 50) / 100);
		expect(order).toMatchObject({
			driver: 'paypal',
			amount: deposit,
			currency: 'GBP',
			test_mode: true,
			status: 'requires_action'
		});
		const sent = fake.orders.get(order.payment_intent_id)!;
		expect(order.approve_url).toBe(`${fake.url}/checkoutnow?token=${sent.id}`);
		expect(sent.purchase_units[0]).toMatchObject({
			reference_id: made.id,
			amount: { currency_code: 'GBP', value: (deposit / 100).toFixed(2) }
		});
		expect(sent.returnUrl).toBe(
			`http://test/booking/${made.id}/paypal?access=${made.cancellation_token}`
		);
		expect(calls(/^\/v2\/checkout\/orders$/).at(-1)?.requestId).toBe(`booking:${made.id}:intent`);

		// Asking again gives the same order, without a new one at PayPal.
		const ordersMade = calls(/^\/v2\/checkout\/orders$/).length;
		expect((await orderFor(made)).payment_intent_id).toBe(order.payment_intent_id);
		expect(calls(/^\/v2\/checkout\/orders$/)).toHaveLength(ordersMade);

		// Back before approving (the address typed by hand): nothing is captured or recorded.
		const before = await state(made.id);
		const early = new URL(sent.returnUrl!);
		early.searchParams.set('token', sent.id);
		expect(await comeBack(made, early.href)).toBe(
			`/booking/${made.id}?token=${made.cancellation_token}&paypal=PAYMENT_INCOMPLETE`
		);
		expect(await state(made.id)).toEqual(before);

		const back = fake.approve(sent.id); // the customer approves on PayPal's page
		expect(await comeBack(made, back)).toBe(
			`/booking/${made.id}?token=${made.cancellation_token}&paypal=paid`
		);
		expect(calls(/\/capture$/).at(-1)?.requestId).toBe(`booking:${made.id}:confirm`);
		const capture = fake.orders.get(sent.id)!.purchase_units[0].payments!.captures[0];
		const after = await state(made.id);
		expect(after).toMatchObject({
			status: 'confirmed',
			payment_status: 'deposit_paid',
			deposit_paid: deposit,
			notices: 1,
			invoices: 1
		});
		expect(after.payments).toHaveLength(1);
		expect(after.payments[0]).toMatchObject({
			payment_method: 'paypal',
			status: 'succeeded',
			amount: deposit,
			transaction_id: sent.id,
			gateway_response: { driver: 'paypal', test_mode: true, capture_id: capture.id }
		});

		// The same return again (a reload), and the REST confirm: no second capture, nothing new.
		const captured = calls(/\/capture$/).length;
		expect(await comeBack(made, back)).toMatch(/paypal=paid$/);
		const rest = await apiConfirmPayment(
			postJson({ booking_id: made.id, payment_intent_id: sent.id, token: made.cancellation_token }),
			undefined
		);
		expect(rest.status).toBe(200);
		expect((await rest.json()).data.payment).toMatchObject({ method: 'paypal', driver: 'paypal' });
		expect(calls(/\/capture$/)).toHaveLength(captured);
		expect(await state(made.id)).toEqual(after);

		// PayPal's own event about the capture changes nothing either.
		expect(await outcome(fake.event('PAYMENT.CAPTURE.COMPLETED', capture.id))).toBe('unchanged');
	});

	it('captures once when PayPal’s answer to the capture is lost and the driver retries', async () => {
		const made = await book('deep-clean-flat', 18);
		const order = await orderFor(made);
		const back = fake.approve(order.payment_intent_id);
		fake.loseNextAnswer(/\/capture$/);
		expect(await comeBack(made, back)).toMatch(/paypal=paid$/);
		const sent = calls(/\/capture$/).filter((r) => r.path.includes(order.payment_intent_id));
		expect(sent.map((r) => r.requestId)).toEqual([
			`booking:${made.id}:confirm`,
			`booking:${made.id}:confirm`
		]);
		expect(
			fake.orders.get(order.payment_intent_id)!.purchase_units[0].payments!.captures
		).toHaveLength(1);
		expect(await state(made.id)).toMatchObject({ status: 'confirmed', notices: 1 });
	});

	it('goes back to the booking, still held, when the customer cancels at PayPal', async () => {
		const made = await book('deep-clean-flat', 9);
		const order = await orderFor(made);
		const before = await state(made.id);
		expect(await comeBack(made, fake.cancel(order.payment_intent_id))).toBe(
			`/booking/${made.id}?token=${made.cancellation_token}&paypal=cancelled`
		);
		expect(await state(made.id)).toEqual(before);
		expect(before).toMatchObject({ status: 'pending', payment_status: 'unpaid' });
	});

	it('captures on CHECKOUT.ORDER.APPROVED when the customer never comes back, once for three deliveries', async () => {
		const made = await book('deep-clean-flat', 10);
		const order = await orderFor(made);
		fake.approve(order.payment_intent_id); // approved, then the tab was closed
		const event = fake.event('CHECKOUT.ORDER.APPROVED', order.payment_intent_id);
		const before = await state(made.id);
		const outcomes = [];
		for (let i = 0; i < 3; i++) outcomes.push(await outcome(event));
		expect(outcomes).toEqual(['confirmed', 'duplicate', 'duplicate']);
		const after = await state(made.id);
		expect(after).toMatchObject({
			status: 'confirmed',
			payment_status: 'deposit_paid',
			notices: 1,
			events: before.events + 1
		});
		expect(after.payments).toHaveLength(1);
		expect(
			calls(/\/capture$/).filter((r) => r.path.includes(order.payment_intent_id))
		).toHaveLength(1);
		// The customer does come back after all: the order is captured already, nothing changes.
		const back = new URL(fake.orders.get(order.payment_intent_id)!.returnUrl!);
		back.searchParams.set('token', order.payment_intent_id);
		expect(await comeBack(made, back.href)).toMatch(/paypal=paid$/);
		expect(await state(made.id)).toEqual(after);
	});

	it('records a replayed PAYMENT.CAPTURE.COMPLETED once', async () => {
		const made = await book('deep-clean-flat', 11);
		const order = await orderFor(made);
		fake.approve(order.payment_intent_id);
		// Captured at PayPal (as by the return page of a request that then failed) but not recorded here.
		const capture = await fakeCapture(order.payment_intent_id);
		const event = fake.event('PAYMENT.CAPTURE.COMPLETED', capture);
		const payload = JSON.stringify(event);
		const responses = await Promise.all(
			[0, 1, 2].map(() => deliver(payload, fake.sign(payload, WEBHOOK_ID)))
		);
		const outcomes = await Promise.all(responses.map(async (r) => (await r.json()).data.outcome));
		expect(outcomes.sort()).toEqual(['confirmed', 'duplicate', 'duplicate']);
		const after = await state(made.id);
		expect(after).toMatchObject({ status: 'confirmed', notices: 1 });
		expect(after.payments[0]).toMatchObject({
			status: 'succeeded',
			gateway_response: { capture_id: capture }
		});
	});

	it('refuses forged webhooks with 400, changing nothing', async () => {
		const made = await book('deep-clean-flat', 12);
		const order = await orderFor(made);
		fake.approve(order.payment_intent_id);
		const payload = JSON.stringify(fake.event('CHECKOUT.ORDER.APPROVED', order.payment_intent_id));
		const other = makeSigningKey();
		// Someone else's certificate, served from another host than PayPal's or the configured API.
		const elsewhere = createServer((_req, res) => res.end(other.certificate));
		await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
		const elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/cert.pem`;
		try {
			const before = await state(made.id);
			const genuine = fake.sign(payload, WEBHOOK_ID);
			const otherKey = { privateKey: other.privateKey };
			const notSigned = /does not sign this body/;
			const notPayPals = /not from PayPal/;
			const tampered = payload.replace('"status":"APPROVED"', '"status":"COMPLETED"');
			expect(tampered).not.toBe(payload);
			const forged: [string, Record<string, string>, RegExp][] = [
				// signed with another key, naming the fake's (PayPal's) certificate
				[payload, fake.sign(payload, WEBHOOK_ID, otherKey), notSigned],
				// signed with another key and its own certificate, served from another host
				[
					payload,
					fake.sign(payload, WEBHOOK_ID, { ...otherKey, certUrl: elsewhereUrl }),
					notPayPals
				],
				[
					payload,
					fake.sign(payload, WEBHOOK_ID, { ...otherKey, certUrl: 'https://evil.example/c' }),
					notPayPals
				],
				// PayPal's host, but not over https
				[
					payload,
					fake.sign(payload, WEBHOOK_ID, { certUrl: 'http://api.paypal.com/c' }),
					notPayPals
				],
				// a tampered body under a genuine signature
				[tampered, genuine, notSigned],
				// signed for another webhook
				[payload, fake.sign(payload, 'WH-SOMEONE-ELSE'), notSigned],
				// no signature at all, or another algorithm
				[payload, { 'content-type': 'application/json' }, /headers are missing/],
				[payload, { ...genuine, 'paypal-auth-algo': 'SHA1withRSA' }, /not accepted/]
			];
			for (const [body, headers, why] of forged) {
				const response = await deliver(body, headers);
				const answer = await response.json();
				expect(response.status, JSON.stringify(answer)).toBe(400);
				expect(answer).toMatchObject({ success: false, error: { code: 'SIGNATURE_INVALID' } });
				expect(answer.error.message).toMatch(why);
			}
			expect(await state(made.id)).toEqual(before);
			expect(
				calls(/\/capture$/).filter((r) => r.path.includes(order.payment_intent_id))
			).toHaveLength(0);
			expect(before).toMatchObject({ status: 'pending', payment_status: 'unpaid' });
			// The genuine one still works afterwards.
			const response = await deliver(payload, genuine);
			expect((await response.json()).data.outcome).toBe('confirmed');
		} finally {
			await new Promise((resolve) => elsewhere.close(resolve));
		}
	});

	it('refunds through PayPal when cancelled before the cut-off; the refund event changes nothing', async () => {
		const made = await book('deep-clean-flat', 13);
		const order = await orderFor(made);
		await comeBack(made, fake.approve(order.payment_intent_id));
		const cancelled = await apiCancelBooking(
			made.id,
			postJson({ token: made.cancellation_token }),
			new URL('http://test/'),
			undefined
		);
		expect(cancelled.status).toBe(200);
		const capture = fake.orders.get(order.payment_intent_id)!.purchase_units[0].payments!
			.captures[0];
		const refunds = [...fake.refunds.values()].filter((r) => r.captureId === capture.id);
		expect(refunds).toHaveLength(1);
		expect(refunds[0].amount).toEqual({
			currency_code: 'GBP',
			value: (order.amount / 100).toFixed(2)
		});
		expect(calls(/\/refund$/).at(-1)?.requestId).toBe(`booking:${made.id}:refund`);
		const after = await state(made.id);
		expect(after).toMatchObject({ status: 'cancelled', payment_status: 'refunded' });
		expect(after.payments[0]).toMatchObject({
			status: 'refunded',
			gateway_response: { refund_id: refunds[0].id, refund_reason: 'cancelled' }
		});
		expect(after.refunds).toHaveLength(1);
		expect(await outcome(fake.event('PAYMENT.CAPTURE.REFUNDED', refunds[0].id))).toBe('unchanged');
		// Nothing changed but the event's record.
		expect(await state(made.id)).toEqual({ ...after, events: after.events + 1 });
	});

	it('records a refund made in PayPal’s dashboard once', async () => {
		const made = await book('deep-clean-flat', 14);
		const order = await orderFor(made);
		await comeBack(made, fake.approve(order.payment_intent_id));
		const refund = await fakeDashboardRefund(order.payment_intent_id);
		const event = fake.event('PAYMENT.CAPTURE.REFUNDED', refund);
		expect(await outcome(event)).toBe('refunded');
		expect(await outcome(event)).toBe('duplicate');
		const after = await state(made.id);
		expect(after).toMatchObject({
			status: 'confirmed',
			payment_status: 'refunded',
			deposit_paid: 0
		});
		expect(after.payments[0].status).toBe('refunded');
		expect(after.refunds).toHaveLength(1);
		expect(after.refunds[0]).toMatchObject({
			method: 'gateway',
			gateway_refund_id: refund,
			amount: order.amount
		});
	});

	it('gives part back through PayPal when the office refunds it', async () => {
		const made = await book('deep-clean-flat', 17);
		const order = await orderFor(made);
		await comeBack(made, fake.approve(order.payment_intent_id));
		const [admin] = await pg.db.select().from(users).where(eq(users.email, 'admin@valclean.test'));
		const ctx = await authContextFor(pg.db, admin);
		const provider = zeroDrizzle(schema, pg.db);
		const args = {
			id: uuidv7(),
			appointmentId: made.id,
			amount: 1000,
			method: 'gateway',
			reference: '',
			reason: 'Missed the oven'
		} satisfies ReadonlyJSONValue;
		await provider.transaction((tx) =>
			runServerMutator(tx, mutators.payments.refund.mutatorName, args, ctx, 'app')
		);
		const capture = fake.orders.get(order.payment_intent_id)!.purchase_units[0].payments!
			.captures[0];
		const [given] = [...fake.refunds.values()].filter((r) => r.captureId === capture.id);
		expect(given.amount).toEqual({ currency_code: 'GBP', value: '10.00' });
		expect(calls(/\/refund$/).at(-1)?.requestId).toBe(
			`refund:${args.id}:${(await state(made.id)).payments[0].id}`
		);
		expect(capture.status).toBe('PARTIALLY_REFUNDED');
		const after = await state(made.id);
		expect(after.refunds).toHaveLength(1);
		expect(after.refunds[0]).toMatchObject({
			method: 'gateway',
			amount: 1000,
			gateway_refund_id: given.id
		});
		expect(after.payments[0].status).toBe('succeeded');
		expect(after.deposit_paid).toBe(order.amount - 1000);
		// PayPal's event about that refund: known already, nothing changes.
		expect(await outcome(fake.event('PAYMENT.CAPTURE.REFUNDED', given.id))).toBe('unchanged');
	});

	it('does not capture an order approved after the hold ran out', async () => {
		const made = await book('deep-clean-flat', 15);
		const order = await orderFor(made);
		await runOutHold(pg, made.id);
		const back = fake.approve(order.payment_intent_id);
		expect(await outcome(fake.event('CHECKOUT.ORDER.APPROVED', order.payment_intent_id))).toBe(
			'ignored'
		);
		expect(await comeBack(made, back)).toMatch(/paypal=HOLD_EXPIRED$/);
		expect(fake.orders.get(order.payment_intent_id)!.status).toBe('APPROVED');
		expect(await state(made.id)).toMatchObject({
			status: 'expired',
			payment_status: 'unpaid',
			notices: 0
		});
	});

	it('gives a PayPal payment back when the card paid the booking first', async () => {
		const made = await book('deep-clean-flat', 16);
		const order = await orderFor(made);
		// The card (the local driver: no Stripe keys here) pays in another tab.
		const card = await apiCreatePaymentIntent(
			postJson({ booking_id: made.id, token: made.cancellation_token }),
			undefined
		);
		const { data: intent } = await card.json();
		expect(intent.driver).toBe('local');
		const paid = await apiConfirmPayment(
			postJson({
				booking_id: made.id,
				payment_intent_id: intent.payment_intent_id,
				token: made.cancellation_token
			}),
			undefined
		);
		expect(paid.status).toBe(200);
		await comeBack(made, fake.approve(order.payment_intent_id));
		const after = await state(made.id);
		expect(after).toMatchObject({
			status: 'confirmed',
			payment_status: 'deposit_paid',
			notices: 1
		});
		// The PayPal order was made first, then the card's intent.
		const [byPayPal, byCard] = after.payments;
		expect(byCard).toMatchObject({ payment_method: 'test', status: 'succeeded' });
		expect(byPayPal).toMatchObject({
			payment_method: 'paypal',
			status: 'refunded',
			gateway_response: { refund_reason: 'paid_twice' }
		});
		expect(fake.captures.get(byPayPal.gateway_response.capture_id)?.status).toBe('REFUNDED');
	});
});

/** PayPal captures the order on its side (no call from this server), as a lost response would leave it. */
async function fakeCapture(orderId: string): Promise<string> {
	const token = await fakeToken();
	const response = await fetch(`${fake.url}/v2/checkout/orders/${orderId}/capture`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: '{}'
	});
	const order = await response.json();
	return order.purchase_units[0].payments.captures[0].id;
}

/** Someone refunds the capture in PayPal's dashboard. */
async function fakeDashboardRefund(orderId: string): Promise<string> {
	const capture = fake.orders.get(orderId)!.purchase_units[0].payments!.captures[0];
	const response = await fetch(`${fake.url}/v2/payments/captures/${capture.id}/refund`, {
		method: 'POST',
		headers: { authorization: `Bearer ${await fakeToken()}`, 'content-type': 'application/json' },
		body: '{}'
	});
	return (await response.json()).id;
}

async function fakeToken() {
	const response = await fetch(`${fake.url}/v1/oauth2/token`, {
		method: 'POST',
		headers: {
			authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64')}`,
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: 'grant_type=client_credentials'
	});
	return (await response.json()).access_token as string;
}
