import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../drizzle/schema.ts';
import { localDate } from '../../sync/domain/local-day.ts';
import { bookFirstFree, postJson, type MadeBooking } from '../../tests/support/book-rest.ts';
import { runOutHold } from '../../tests/support/holds.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import { apiCancelBooking } from '../api/booking-manage.ts';
import { apiConfirmPayment, apiCreatePaymentIntent } from '../api/payments.ts';
import { authContextFor } from '../auth/context.ts';
import { closeDatabase } from '../db/client.ts';

// Paying for a booking with the local driver (no Stripe keys), through the REST handlers, against
// the demo company in a real Postgres: deposit or full price, confirmation in one transaction, an
// expired hold, and the refund when a booking is cancelled before the cut-off.

let pg: TestDatabase;
const url = (path = '/') => new URL(`http://test${path}`);

const CUSTOMER = {
	name: 'Priya Shah',
	email: 'priya.shah@example.com',
	phone: '07700 900321',
	address_line1: '12 Albion Road',
	city: 'London',
	postcode: 'N16 9PD'
};
const book = (slug: string, day: number, recurrence?: { frequency: string; count: number }) =>
	bookFirstFree(pg.db, pg.sql, { slug, day, customer: CUSTOMER, recurrence });

const createIntent = async (body: unknown, ctx?: Awaited<ReturnType<typeof contextOf>>) =>
	apiCreatePaymentIntent(postJson(body), ctx);
const confirm = async (body: unknown) => apiConfirmPayment(postJson(body), undefined);

async function pay(made: MadeBooking) {
	const intent = await createIntent({ booking_id: made.id, token: made.cancellation_token });
	expect(intent.status).toBe(201);
	const { data } = await intent.json();
	const confirmed = await confirm({
		booking_id: made.id,
		payment_intent_id: data.payment_intent_id,
		token: made.cancellation_token
	});
	expect(confirmed.status).toBe(200);
	return (await confirmed.json()).data;
}

async function contextOf(email: string) {
	const [user] = await pg.db.select().from(users).where(eq(users.email, email));
	return authContextFor(pg.db, user);
}

/** Everything a payment writes, for one booking: to show that a refusal wrote nothing. */
async function state(appointmentId: string) {
	return pg.sql`
		SELECT a.status, a.updated_at, ca.payment_status, ca.deposit_paid,
			(SELECT json_agg(p.* ORDER BY p.created_at) FROM payments p WHERE p.customer_appointment_id = ca.id) AS payments,
			(SELECT json_agg(j.task_identifier ORDER BY j.id) FROM graphile_worker.jobs j
				WHERE j.key = ${`notify-confirmed:${appointmentId}`}) AS jobs
		FROM appointments a JOIN customer_appointments ca ON ca.appointment_id = a.id
		WHERE a.id = ${appointmentId}`;
}

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedQuietDiary(pg.url);
	process.env.DATABASE_URL = pg.url;
	delete process.env.STRIPE_SECRET_KEY;
	delete process.env.STRIPE_WEBHOOK_SECRET;
});

afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
});

describe('paying with the local driver (no Stripe keys)', () => {
	it('asks the service’s deposit, computed on the server, as a clearly marked test payment', async () => {
		const made = await book('deep-clean-flat', 7);
		const response = await createIntent({ booking_id: made.id, token: made.cancellation_token });
		expect(response.status).toBe(201);
		const { data } = await response.json();
		expect(data).toMatchObject({
			booking_id: made.id,
			amount: 3000, // the demo deep clean's fixed £30 deposit
			currency: 'GBP',
			total_price: made.total_price,
			pays_in_full: false,
			driver: 'local',
			test_mode: true
		});
		expect(data.payment_intent_id).toMatch(/^pi_local_\w+$/);
		expect(data.client_secret).toMatch(/^pi_local_\w+_secret_/);
		expect(data).not.toHaveProperty('publishable_key');
		// Asking again gives the same intent, and no second payment.
		const again = await (
			await createIntent({ booking_id: made.id, token: made.cancellation_token })
		).json();
		expect(again.data.payment_intent_id).toBe(data.payment_intent_id);
		const [row] = await state(made.id);
		expect(row.payments).toHaveLength(1);
		expect(row.payments[0]).toMatchObject({
			amount: 3000,
			status: 'pending',
			payment_method: 'test',
			transaction_id: data.payment_intent_id,
			gateway_response: { driver: 'local', test_mode: true }
		});
	});

	it('confirms the booking, records the payment, lifts the hold and queues the notice, in one go', async () => {
		const made = await book('deep-clean-flat', 8);
		const before = await state(made.id);
		expect(before[0]).toMatchObject({ status: 'pending', jobs: null });
		const data = await pay(made);
		expect(data).toMatchObject({
			id: made.id,
			status: 'confirmed',
			payment_status: 'deposit_paid',
			deposit_paid: 3000,
			payment: {
				amount: 3000,
				currency: 'GBP',
				status: 'succeeded',
				method: 'test',
				driver: 'local',
				test_mode: true
			}
		});
		const [row] = await state(made.id);
		expect(row).toMatchObject({ status: 'confirmed', payment_status: 'deposit_paid' });
		expect(row.payments).toHaveLength(1);
		expect(row.payments[0]).toMatchObject({
			status: 'succeeded',
			transaction_id: data.payment.payment_intent_id
		});
		// Confirmed, it no longer expires (the sweep takes `pending` bookings only); the
		// confirmation notice waits for its task.
		expect(row.jobs).toEqual(['booking__notify_confirmed']);
		const [job] = await pg.sql`
			SELECT payload FROM graphile_worker._private_jobs WHERE key = ${`notify-confirmed:${made.id}`}`;
		expect(job.payload).toEqual({ appointmentId: made.id });
	});

	it('changes nothing when confirmed a second time, and then refuses a new intent', async () => {
		const made = await book('deep-clean-flat', 9);
		const data = await pay(made);
		const [before] = await state(made.id);
		const second = await confirm({
			booking_id: made.id,
			payment_intent_id: data.payment.payment_intent_id,
			token: made.cancellation_token
		});
		expect(second.status).toBe(200);
		expect((await second.json()).data).toMatchObject({
			status: 'confirmed',
			payment_status: 'deposit_paid'
		});
		expect(await state(made.id)).toEqual([before]);
		const intent = await createIntent({ booking_id: made.id, token: made.cancellation_token });
		expect([intent.status, (await intent.json()).error.code]).toEqual([409, 'ALREADY_PAID']);
	});

	it('takes the whole price for a regular clean, marking it paid', async () => {
		const made = await book('regular-clean-2-hours', 10);
		const data = await pay(made);
		expect(data).toMatchObject({
			status: 'confirmed',
			payment_status: 'paid',
			deposit_paid: made.total_price,
			payment: { amount: made.total_price }
		});
	});

	it('confirms every clean of a recurring series, paying for the first', async () => {
		const made = await book('regular-clean-2-hours', 11, { frequency: 'weekly', count: 3 });
		const data = await pay(made);
		expect(data.payment.amount).toBe(made.total_price);
		expect(data.occurrences.map((o: { status: string }) => o.status)).toEqual([
			'confirmed',
			'confirmed',
			'confirmed'
		]);
		const rows = await pg.sql`SELECT status FROM appointments WHERE series_id = ${made.id}`;
		expect(rows.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
	});

	it('refuses a hold that has expired with 409 HOLD_EXPIRED, writing nothing', async () => {
		const made = await book('deep-clean-flat', 12);
		const intent = await (
			await createIntent({ booking_id: made.id, token: made.cancellation_token })
		).json();
		await runOutHold(pg, made.id);
		const [before] = await state(made.id);
		expect(before.status).toBe('expired');
		const response = await confirm({
			booking_id: made.id,
			payment_intent_id: intent.data.payment_intent_id,
			token: made.cancellation_token
		});
		expect(response.status).toBe(409);
		const { error } = await response.json();
		expect(error.code).toBe('HOLD_EXPIRED');
		expect(error.message).toMatch(/ran out/);
		expect(await state(made.id)).toEqual([before]);
		expect(before.payments[0].status).toBe('pending');
		const retry = await createIntent({ booking_id: made.id, token: made.cancellation_token });
		expect([retry.status, (await retry.json()).error.code]).toEqual([409, 'HOLD_EXPIRED']);
	});

	it('lets only the office, the owner or the token holder pay, and names bad input', async () => {
		const made = await book('deep-clean-flat', 13);
		const other = await book('deep-clean-flat', 14);
		const codeOf = async (response: Response) => [
			response.status,
			(await response.json()).error.code
		];
		expect(await codeOf(await createIntent({ booking_id: made.id }))).toEqual([404, 'NOT_FOUND']);
		expect(
			await codeOf(await createIntent({ booking_id: made.id, token: other.cancellation_token }))
		).toEqual([404, 'NOT_FOUND']);
		const admin = await contextOf('admin@valclean.test');
		expect((await createIntent({ booking_id: made.id }, admin)).status).toBe(201);
		expect(
			await codeOf(
				await createIntent({ booking_id: made.id, amount: 1, token: made.cancellation_token })
			)
		).toEqual([422, 'VALIDATION_ERROR']);
		const badId = await createIntent({ booking_id: 'not-a-uuid' });
		expect(badId.status).toBe(422);
		expect(Object.keys((await badId.json()).error.details)).toEqual(['booking_id']);
		const notJson = await apiCreatePaymentIntent(
			new Request('http://test/', { method: 'POST', body: '{nope' }),
			undefined
		);
		expect(await codeOf(notJson)).toEqual([400, 'VALIDATION_ERROR']);
		// Another booking's intent does not pay for this one.
		const theirs = await (
			await createIntent({ booking_id: other.id, token: other.cancellation_token })
		).json();
		const crossed = await confirm({
			booking_id: made.id,
			payment_intent_id: theirs.data.payment_intent_id,
			token: made.cancellation_token
		});
		expect(await codeOf(crossed)).toEqual([404, 'PAYMENT_NOT_FOUND']);
		const malformed = await confirm({
			booking_id: made.id,
			payment_intent_id: 'card 4242',
			token: made.cancellation_token
		});
		expect(malformed.status).toBe(422);
		expect(Object.keys((await malformed.json()).error.details)).toEqual(['payment_intent_id']);
	});
});

describe('invoices', () => {
	it('issues one per paid booking, numbered in order, with the VAT inside the total', async () => {
		const deposit = await book('deep-clean-flat', 30);
		const full = await book('regular-clean-2-hours', 33);
		await pay(deposit);
		await pay(full);
		const rows = await pg.sql`
			SELECT i.invoice_number, i.total_amount, i.tax_amount, i.status, i.due_date, ca.deposit_paid
			FROM invoices i JOIN customer_appointments ca ON ca.id = i.customer_appointment_id
			WHERE ca.appointment_id IN (${deposit.id}, ${full.id}) ORDER BY i.invoice_number`;
		expect(rows).toHaveLength(2);
		const [first, second] = rows;
		const year = localDate(Date.now(), 'Europe/London').slice(0, 4);
		expect(first.invoice_number).toMatch(new RegExp(`^INV-${year}-\\d{6}$`));
		expect(Number(second.invoice_number.slice(-6))).toBe(
			Number(first.invoice_number.slice(-6)) + 1
		);
		// Demo prices include VAT at 20 %: the VAT is a sixth of the total, rounded half up.
		for (const row of rows) {
			expect(row.tax_amount).toBe(row.total_amount - Math.round((row.total_amount * 100) / 120));
		}
		const byStatus = Object.fromEntries(rows.map((r) => [r.status, r]));
		expect(byStatus.issued.deposit_paid).toBeLessThan(byStatus.issued.total_amount);
		expect(byStatus.issued.due_date).not.toBeNull();
		expect(byStatus.paid.deposit_paid).toBe(byStatus.paid.total_amount);

		// Paying again changes nothing: still one invoice each.
		await pay(full).catch(() => undefined);
		const [{ n }] = await pg.sql`
			SELECT count(*)::int AS n FROM invoices i JOIN customer_appointments ca
			ON ca.id = i.customer_appointment_id WHERE ca.appointment_id = ${full.id}`;
		expect(n).toBe(1);
	});
});

describe('cancelling a paid booking (local driver)', () => {
	it('refunds what was paid when cancelled before the cut-off', async () => {
		const made = await book('deep-clean-flat', 15);
		await pay(made);
		const cancelled = await apiCancelBooking(
			made.id,
			postJson({ token: made.cancellation_token }),
			url(),
			undefined
		);
		expect(cancelled.status).toBe(200);
		const [row] = await state(made.id);
		expect(row).toMatchObject({ status: 'cancelled', payment_status: 'refunded' });
		expect(row.payments[0]).toMatchObject({
			status: 'refunded',
			gateway_response: { driver: 'local', refund_reason: 'cancelled' }
		});
		expect(row.payments[0].gateway_response.refund_id).toMatch(/^re_local_/);
	});

	it('keeps the deposit when the office cancels after the cut-off', async () => {
		const made = await book('deep-clean-flat', 16);
		await pay(made);
		// Move it (directly) to start in two hours: inside the 24-hour cut-off.
		const soon = Date.now() + 2 * 3_600_000;
		const at = (ms: number) => new Date(ms).toISOString();
		await pg.sql`UPDATE appointments SET start_time = ${at(soon)}, end_time = ${at(soon + 7_200_000)},
			blocked_from = ${at(soon)}, blocked_until = ${at(soon + 7_200_000)} WHERE id = ${made.id}`;
		const byCustomer = await apiCancelBooking(
			made.id,
			postJson({ token: made.cancellation_token }),
			url(),
			undefined
		);
		expect(byCustomer.status).toBe(409);
		const byOffice = await apiCancelBooking(
			made.id,
			postJson({}),
			url(),
			await contextOf('admin@valclean.test')
		);
		expect(byOffice.status).toBe(200);
		const [row] = await state(made.id);
		expect(row).toMatchObject({ status: 'cancelled', payment_status: 'deposit_paid' });
		expect(row.payments[0].status).toBe('succeeded');
	});
});
