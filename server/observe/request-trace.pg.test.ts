import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { eq } from 'drizzle-orm';
import { users } from '../../drizzle/schema.ts';
import { encodeHlc, tick, type Hlc } from '../../sync/domain/hlc.ts';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import { apiCreateBooking } from '../api/booking-create.ts';
import { apiCancelBooking } from '../api/booking-manage.ts';
import { apiConfirmPayment, apiCreatePaymentIntent } from '../api/payments.ts';
import { authContextFor } from '../auth/context.ts';
import { searchSlots } from '../booking/availability.ts';
import { closeDatabase } from '../db/client.ts';
import { apiFieldEvents } from '../field/api.ts';
import { metrics } from './app-metrics.ts';
import { withTrace } from './context.ts';

// Through the real write path (REST handler → shared mutator → server override → job queued in
// its transaction): the request's id reaches the job, and the booking counters count commits.

let pg: TestDatabase;
const postJson = (body: unknown) =>
	new Request('http://test/', { method: 'POST', body: JSON.stringify(body) });
const customer = {
	name: 'Priya Shah',
	email: 'priya.shah@example.com',
	phone: '07700 900321',
	address_line1: '12 Albion Road',
	city: 'London',
	postcode: 'N16 9PD'
};
const count = async (c: { get(): Promise<{ values: { value: number }[] }> }) =>
	(await c.get()).values[0]?.value ?? 0;

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedQuietDiary(pg.url);
	process.env.DATABASE_URL = pg.url;
	for (const name of ['SENDGRID_API_KEY', 'TWILIO_ACCOUNT_SID', 'STRIPE_SECRET_KEY'])
		delete process.env[name];
});
afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
});

async function firstSlot() {
	const [{ id: serviceId }] = await pg.sql`SELECT id FROM services WHERE slug = 'deep-clean-flat'`;
	for (let d = 7; d < 14; d++) {
		const date = addDays(localDate(Date.now(), 'Europe/London'), d);
		const found = await searchSlots(pg.db, {
			serviceId,
			date,
			postcode: 'N16 9PD',
			now: Date.now()
		});
		if (found.ok && found.slots[0]) return { serviceId, slot: found.slots[0] };
	}
	throw new Error('no free slot');
}

describe('a request traced through a booking', () => {
	it('counts a booking once committed, not one refused; the cancel’s job carries the request id', async () => {
		const created = await count(metrics.bookingsCreated);
		const cancelled = await count(metrics.bookingsCancelled);
		const { serviceId, slot } = await firstSlot();
		const body = {
			service_id: serviceId,
			start_time: new Date(slot.start).toISOString(),
			staff_id: slot.staffIds[0],
			customer
		};
		const made = await withTrace({ requestId: 'request-create-1' }, () =>
			apiCreateBooking(postJson(body), undefined)
		);
		expect(made.status).toBe(201);
		const { data } = await made.json();
		expect(await count(metrics.bookingsCreated)).toBe(created + 1);

		// The same cleaner at the same time again: refused, rolled back, not counted.
		const again = await apiCreateBooking(
			postJson({ ...body, customer: { ...customer, email: 'other@example.com' } }),
			undefined
		);
		expect(again.status).toBe(409);
		expect(await count(metrics.bookingsCreated)).toBe(created + 1);

		// Paid (local driver), so confirmed: its cancellation tells the customer through a job.
		const token = data.cancellation_token;
		const intent = await (
			await apiCreatePaymentIntent(postJson({ booking_id: data.id, token }), undefined)
		).json();
		const confirmed = await apiConfirmPayment(
			postJson({ booking_id: data.id, payment_intent_id: intent.data.payment_intent_id, token }),
			undefined
		);
		expect(confirmed.status).toBe(200);

		const cancel = await withTrace({ requestId: 'request-cancel-1' }, () =>
			apiCancelBooking(data.id, postJson({ token }), new URL('http://test/'), undefined)
		);
		expect(cancel.status).toBe(200);
		const [job] = await pg.sql`
			SELECT p.payload FROM graphile_worker.jobs j
			JOIN graphile_worker._private_jobs p ON p.id = j.id
			WHERE j.key = ${`notify-cancelled:${data.id}`}`;
		expect(job.payload).toEqual({ appointmentId: data.id, requestId: 'request-cancel-1' });
		expect(await count(metrics.bookingsCancelled)).toBe(cancelled + 1);
	});
});

describe('a cleaner’s upload traced', () => {
	it('counts the events a device had waiting, and the “on my way” job carries the request id', async () => {
		const [user] = await pg.db.select().from(users).where(eq(users.email, 'amira@valclean.test'));
		const amira = await authContextFor(pg.db, user);
		const [{ id: jobId }] =
			await pg.sql`SELECT id FROM appointments WHERE staff_id = ${amira.staffID} LIMIT 1`;
		let clock: Hlc | null = null;
		const event = (body: Record<string, unknown>) => {
			clock = tick(clock, Date.now(), 'amira-phone');
			return { id: uuidv7(), jobId, deviceId: 'amira-phone', hlc: encodeHlc(clock), ...body };
		};
		const events = [
			event({ kind: 'on_my_way' }),
			event({ kind: 'note', text: 'Parked outside' }),
			event({ kind: 'clock_in' })
		];
		const before = (await metrics.fieldUpload.get()).values;
		const sum = (values: typeof before) =>
			values.find((v) => v.metricName?.endsWith('_sum'))?.value ?? 0;
		const uploads = (values: typeof before) =>
			values.find((v) => v.metricName?.endsWith('_count'))?.value ?? 0;
		const response = await withTrace({ requestId: 'request-field-1' }, () =>
			apiFieldEvents(postJson({ events: [...events, events[1]] }), amira)
		);
		expect(response.status).toBe(200);
		const after = (await metrics.fieldUpload.get()).values;
		expect(uploads(after)).toBe(uploads(before) + 1);
		expect(sum(after)).toBe(sum(before) + 4);
		const answers = (await metrics.fieldEvents.get()).values;
		expect(answers.find((v) => v.labels.result === 'stored')?.value).toBe(3);
		expect(answers.find((v) => v.labels.result === 'duplicate')?.value).toBe(1);
		const [job] = await pg.sql`
			SELECT p.payload FROM graphile_worker.jobs j
			JOIN graphile_worker._private_jobs p ON p.id = j.id
			WHERE j.key = ${`on-my-way:${jobId}`}`;
		expect(job.payload).toEqual({ appointmentId: jobId, requestId: 'request-field-1' });
	});
});
