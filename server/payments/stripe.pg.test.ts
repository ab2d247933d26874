import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../drizzle/schema.ts';
import { startFakeStripe, type FakeStripe } from '../../tests/fakes/stripe.ts';
import { bookFirstFree, postJson, type MadeBooking } from '../../tests/support/book-rest.ts';
import { runOutHold } from '../../tests/support/holds.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import { apiCancelBooking } from '../api/booking-manage.ts';
import { apiConfirmPayment, apiCreatePaymentIntent, apiStripeWebhook } from '../api/payments.ts';
import { authContextFor } from '../auth/context.ts';
import { closeDatabase } from '../db/client.ts';

// The Stripe driver: the real `stripe` SDK against the local fake of Stripe's API
// (tests/fakes/stripe.ts), and webhooks signed with the SDK's own test helper.

const WEBHOOK_SECRET = 'whsec_valclean_test';
let pg: TestDatabase;
let fake: FakeStripe;

const CUSTOMER = {
	name: 'Tom Haines',
	email: 'tom.haines@example.com',
	phone: '07700 900654',
	address_line1: '4 Stoke Newington Road',
	city: 'London',
	postcode: 'N16 9PD'
};
const book = (slug: string, day: number) =>
	bookFirstFree(pg.db, pg.sql, { slug, day, customer: CUSTOMER });

async function intentFor(made: MadeBooking) {
	const response = await apiCreatePaymentIntent(
		postJson({ booking_id: made.id, token: made.cancellation_token }),
		undefined
	);
	expect(response.status).toBe(201);
	return (await response.json()).data as { payment_intent_id: string; amount: number };
}

const confirm = (made: MadeBooking, intentId: string) =>
	apiConfirmPayment(
		postJson({ booking_id: made.id, payment_intent_id: intentId, token: made.cancellation_token }),
		undefined
	);

/** A webhook delivery: the body as Stripe sends it, signed (or not) as given. */
function deliver(payload: string, signature?: string) {
	return apiStripeWebhook(
		new Request('http://test/api/v1/payments/webhook/', {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				...(signature !== undefined && { 'stripe-signature': signature })
			},
			body: payload
		})
	);
}

const signed = (payload: string, secret = WEBHOOK_SECRET) =>
	Stripe.webhooks.generateTestHeaderString({ payload, secret });

/** What the payment flow writes, for one booking. */
async function state(appointmentId: string) {
	const [row] = await pg.sql`
		SELECT a.status, a.updated_at, ca.payment_status, ca.deposit_paid,
			(SELECT json_agg(p.* ORDER BY p.created_at) FROM payments p WHERE p.customer_appointment_id = ca.id) AS payments,
			(SELECT count(*)::int FROM graphile_worker.jobs j WHERE j.key = ${`notify-confirmed:${appointmentId}`}) AS notices,
			(SELECT count(*)::int FROM stripe_events) AS events
		FROM appointments a JOIN customer_appointments ca ON ca.appointment_id = a.id
		WHERE a.id = ${appointmentId}`;
	return row;
}

beforeAll(async () => {
	[pg, fake] = await Promise.all([startTestDatabase(), startFakeStripe()]);
	await seedQuietDiary(pg.url);
	process.env.DATABASE_URL = pg.url;
	process.env.STRIPE_SECRET_KEY = 'sk_test_valclean';
	process.env.STRIPE_PUBLISHABLE_KEY = 'pk_test_valclean';
	process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
	process.env.STRIPE_API_BASE = fake.url;
});

afterAll(async () => {
	for (const name of [
		'STRIPE_SECRET_KEY',
		'STRIPE_PUBLISHABLE_KEY',
		'STRIPE_WEBHOOK_SECRET',
		'STRIPE_API_BASE'
	])
		delete process.env[name];
	await closeDatabase();
	await Promise.all([pg?.stop(), fake?.close()]);
});

describe('paying through Stripe (the SDK against the fake)', () => {
	it('makes the intent with the booking’s idempotency key, and gives the same one again', async () => {
		const made = await book('end-of-tenancy-small', 7);
		const response = await apiCreatePaymentIntent(
			postJson({ booking_id: made.id, token: made.cancellation_token }),
			undefined
		);
		expect(response.status).toBe(201);
		const { data } = await response.json();
		// 25 % of the end-of-tenancy clean, rounded half up.
		const deposit = Math.floor((made.total_price * 25 + 50) / 100);
		expect(data).toMatchObject({
			amount: deposit,
			currency: 'GBP',
			pays_in_full: false,
			driver: 'stripe',
			test_mode: true,
			publishable_key: 'pk_test_valclean',
			status: 'requires_payment_method'
		});
		const intent = fake.intents.get(data.payment_intent_id)!;
		expect(data.client_secret).toBe(intent.client_secret);
		expect(intent).toMatchObject({
			amount: deposit,
			currency: 'gbp',
			metadata: { booking_id: made.id }
		});
		const created = fake.requests.filter(
			(r) => r.method === 'POST' && r.path === '/v1/payment_intents'
		);
		expect(created.at(-1)).toMatchObject({ idempotencyKey: `booking:${made.id}:intent` });

		const again = await intentFor(made);
		expect(again.payment_intent_id).toBe(data.payment_intent_id);
		expect(fake.requests.filter((r) => r.path === '/v1/payment_intents')).toHaveLength(
			created.length
		);
		expect((await state(made.id)).payments).toHaveLength(1);
	});

	it('confirms only once Stripe says the payment succeeded', async () => {
		const made = await book('deep-clean-flat', 8);
		const { payment_intent_id } = await intentFor(made);
		const before = await state(made.id);
		const early = await confirm(made, payment_intent_id);
		expect(early.status).toBe(409);
		expect((await early.json()).error.code).toBe('PAYMENT_INCOMPLETE');
		expect(await state(made.id)).toEqual(before);

		fake.pay(payment_intent_id); // what Stripe.js does in the customer's browser
		const paid = await confirm(made, payment_intent_id);
		expect(paid.status).toBe(200);
		expect((await paid.json()).data).toMatchObject({
			status: 'confirmed',
			payment_status: 'deposit_paid',
			deposit_paid: 3000,
			payment: { status: 'succeeded', method: 'card', driver: 'stripe', test_mode: true }
		});
	});

	it('records a webhook delivered three times once: one payment, one notice', async () => {
		const made = await book('deep-clean-flat', 9);
		const { payment_intent_id } = await intentFor(made);
		fake.pay(payment_intent_id);
		const payload = JSON.stringify(fake.event('payment_intent.succeeded', payment_intent_id));
		const before = await state(made.id);
		const outcomes = [];
		for (let i = 0; i < 3; i++) {
			const response = await deliver(payload, signed(payload));
			expect(response.status).toBe(200);
			outcomes.push((await response.json()).data.outcome);
		}
		expect(outcomes).toEqual(['confirmed', 'duplicate', 'duplicate']);
		const after = await state(made.id);
		expect(after).toMatchObject({
			status: 'confirmed',
			payment_status: 'deposit_paid',
			notices: 1,
			events: before.events + 1
		});
		expect(after.payments).toHaveLength(1);
		expect(after.payments[0]).toMatchObject({
			status: 'succeeded',
			transaction_id: payment_intent_id
		});
		// The customer's own confirm arriving after the webhook changes nothing either.
		const late = await confirm(made, payment_intent_id);
		expect(late.status).toBe(200);
		expect(await state(made.id)).toEqual(after);
	});

	it('records one payment when deliveries and the confirm call race', async () => {
		const made = await book('deep-clean-flat', 10);
		const { payment_intent_id } = await intentFor(made);
		fake.pay(payment_intent_id);
		const payload = JSON.stringify(fake.event('payment_intent.succeeded', payment_intent_id));
		const responses = await Promise.all([
			deliver(payload, signed(payload)),
			deliver(payload, signed(payload)),
			deliver(payload, signed(payload)),
			confirm(made, payment_intent_id)
		]);
		expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
		const after = await state(made.id);
		expect(after.payments).toHaveLength(1);
		expect(after).toMatchObject({ status: 'confirmed', notices: 1 });
	});

	it('refuses a forged or missing signature with 400, changing nothing', async () => {
		const made = await book('deep-clean-flat', 11);
		const { payment_intent_id } = await intentFor(made);
		fake.pay(payment_intent_id);
		const payload = JSON.stringify(fake.event('payment_intent.succeeded', payment_intent_id));
		const before = await state(made.id);
		const forged = [
			deliver(payload, signed(payload, 'whsec_someone_else')),
			deliver(payload.replace('"livemode":false', '"livemode":true'), signed(payload)),
			deliver(payload, 't=1,v1=00'),
			deliver(payload)
		];
		for (const response of await Promise.all(forged)) {
			expect(response.status).toBe(400);
			const body = await response.json();
			expect(body).toMatchObject({ success: false, error: { code: 'SIGNATURE_INVALID' } });
		}
		expect(await state(made.id)).toEqual(before);
		expect(before).toMatchObject({ status: 'pending', payment_status: 'unpaid' });
	});

	it('marks a declined payment failed, and confirms when another card succeeds', async () => {
		const made = await book('deep-clean-flat', 12);
		const { payment_intent_id } = await intentFor(made);
		fake.pay(payment_intent_id, 'pm_card_chargeDeclined');
		const failed = JSON.stringify(fake.event('payment_intent.payment_failed', payment_intent_id));
		expect((await deliver(failed, signed(failed))).status).toBe(200);
		let now = await state(made.id);
		expect(now).toMatchObject({ status: 'pending', payment_status: 'failed' });
		expect(now.payments[0]).toMatchObject({
			status: 'failed',
			gateway_response: { failure_message: 'Your card was declined.' }
		});
		// The same intent, open to another card while the hold lasts.
		expect((await intentFor(made)).payment_intent_id).toBe(payment_intent_id);
		fake.pay(payment_intent_id);
		const succeeded = JSON.stringify(fake.event('payment_intent.succeeded', payment_intent_id));
		expect((await deliver(succeeded, signed(succeeded))).status).toBe(200);
		now = await state(made.id);
		expect(now).toMatchObject({ status: 'confirmed', payment_status: 'deposit_paid' });
		expect(now.payments).toHaveLength(1);
	});

	it('refunds a payment that completed after the hold ran out', async () => {
		const made = await book('deep-clean-flat', 13);
		const { payment_intent_id, amount } = await intentFor(made);
		await runOutHold(pg, made.id);
		fake.pay(payment_intent_id);
		const confirmed = await confirm(made, payment_intent_id);
		expect([confirmed.status, (await confirmed.json()).error.code]).toEqual([409, 'HOLD_EXPIRED']);
		const payload = JSON.stringify(fake.event('payment_intent.succeeded', payment_intent_id));
		const response = await deliver(payload, signed(payload));
		expect((await response.json()).data.outcome).toBe('refunded');
		const [refund] = [...fake.refunds.values()].filter(
			(r) => r.payment_intent === payment_intent_id
		);
		expect(refund).toMatchObject({ amount, status: 'succeeded' });
		const sent = fake.requests.filter((r) => r.path === '/v1/refunds').at(-1);
		expect(sent?.idempotencyKey).toBe(`booking:${made.id}:refund`);
		const after = await state(made.id);
		expect(after).toMatchObject({ status: 'expired', payment_status: 'refunded', notices: 0 });
		expect(after.payments[0]).toMatchObject({
			status: 'refunded',
			gateway_response: { refund_id: refund.id, refund_reason: 'hold_expired' }
		});
	});

	it('refunds the deposit through Stripe when cancelled before the cut-off', async () => {
		const made = await book('deep-clean-flat', 14);
		const { payment_intent_id } = await intentFor(made);
		fake.pay(payment_intent_id);
		expect((await confirm(made, payment_intent_id)).status).toBe(200);
		const cancelled = await apiCancelBooking(
			made.id,
			postJson({ token: made.cancellation_token }),
			new URL('http://test/'),
			undefined
		);
		expect(cancelled.status).toBe(200);
		const refunds = [...fake.refunds.values()].filter(
			(r) => r.payment_intent === payment_intent_id
		);
		expect(refunds).toHaveLength(1);
		expect(refunds[0].amount).toBe(3000);
		expect(fake.requests.filter((r) => r.path === '/v1/refunds').at(-1)?.idempotencyKey).toBe(
			`booking:${made.id}:refund`
		);
		expect(await state(made.id)).toMatchObject({
			status: 'cancelled',
			payment_status: 'refunded'
		});
	});

	it('keeps the deposit, asking Stripe nothing, when cancelled after the cut-off', async () => {
		const made = await book('deep-clean-flat', 15);
		const { payment_intent_id } = await intentFor(made);
		fake.pay(payment_intent_id);
		expect((await confirm(made, payment_intent_id)).status).toBe(200);
		const soon = Date.now() + 2 * 3_600_000;
		const at = (ms: number) => new Date(ms).toISOString();
		await pg.sql`UPDATE appointments SET start_time = ${at(soon)}, end_time = ${at(soon + 7_200_000)},
			blocked_from = ${at(soon)}, blocked_until = ${at(soon + 7_200_000)} WHERE id = ${made.id}`;
		const [admin] = await pg.db.select().from(users).where(eq(users.email, 'admin@valclean.test'));
		const ctx = await authContextFor(pg.db, admin);
		const refundsBefore = fake.requests.filter((r) => r.path === '/v1/refunds').length;
		const cancelled = await apiCancelBooking(made.id, postJson({}), new URL('http://test/'), ctx);
		expect(cancelled.status).toBe(200);
		expect(fake.requests.filter((r) => r.path === '/v1/refunds')).toHaveLength(refundsBefore);
		expect(await state(made.id)).toMatchObject({
			status: 'cancelled',
			payment_status: 'deposit_paid'
		});
	});

	it('answers 400 when the server has no webhook secret', async () => {
		const saved = process.env.STRIPE_WEBHOOK_SECRET;
		delete process.env.STRIPE_WEBHOOK_SECRET;
		try {
			const response = await deliver('{}', signed('{}'));
			expect(response.status).toBe(400);
			expect((await response.json()).error.code).toBe('WEBHOOK_NOT_CONFIGURED');
		} finally {
			process.env.STRIPE_WEBHOOK_SECRET = saved;
		}
	});
});
