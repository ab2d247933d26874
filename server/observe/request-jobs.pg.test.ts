import { sql } from 'drizzle-orm';
import { runOnce } from 'graphile-worker';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import {
	startFakeGoogleCalendar,
	type FakeGoogleCalendar
} from '../../tests/fakes/google-calendar.ts';
import { startFakeStripe, type FakeStripe } from '../../tests/fakes/stripe.ts';
import { TEST_CUSTOMER } from '../../tests/support/book-rest.ts';
import {
	connectGoogle,
	FAKE_GOOGLE_CLIENT,
	useFakeGoogle
} from '../../tests/support/calendar-connect.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import { apiCreateBooking } from '../api/booking-create.ts';
import { apiCreatePaymentIntent, apiStripeWebhook } from '../api/payments.ts';
import { searchSlots } from '../booking/availability.ts';
import { closeDatabase, createDb } from '../db/client.ts';
import { withTrace } from './context.ts';
import { quietLogger } from '../worker/logger.ts';
import { taskList } from '../worker/tasks.ts';
import { REQUEST_ID_SETTING } from './db-trace.ts';
import { traceTasks } from './jobs.ts';
import { captureLogs } from './log.ts';
import { traceRequest } from './trace-request.ts';

// One request id from the HTTP request to the last log line of every job it leads to, through
// the real REST handlers, server mutators, triggers and worker tasks (as server/worker/main.ts
// runs them): a booking (the calendar push the appointments trigger queues; when its hold runs out,
// the worker's sweep and the push its change queues carry the sweep's own id) and a Stripe webhook (the
// settle path: the confirmation notice, the calendar push of the status change, and the reminder
// the notice schedules). And no personal data in any of those lines.

const CLEANER = 'amira@valclean.test';
const WEBHOOK_SECRET = 'whsec_valclean_trace';
const STRIPE_SETTINGS = [
	'STRIPE_SECRET_KEY',
	'STRIPE_PUBLISHABLE_KEY',
	'STRIPE_WEBHOOK_SECRET',
	'STRIPE_API_BASE'
];

let pg: TestDatabase;
let google: FakeGoogleCalendar;
let stripe: FakeStripe;
let forgetGoogle: (() => void) | undefined;
let serviceId: string;
let amiraStaffId: string;
type Line = Record<string, unknown>;
const lines: Line[] = [];
let restoreLogs: (() => void) | undefined;
/** The trace id of the hold sweep's job (a job queued outside any request has its own). */
let sweepRequestId = '';

const daysAhead = (n: number) => addDays(localDate(Date.now(), 'Europe/London'), n);
const ROUTE = '/api/[...rest]';

/** A request as hooks.server.ts handles it: its `x-request-id`, the handler, the access line. */
function request(
	requestId: string,
	path: string,
	body: string,
	handler: (r: Request) => Promise<Response>,
	headers: Record<string, string> = {}
) {
	const req = new Request(`http://test${path}`, {
		method: 'POST',
		headers: { 'x-request-id': requestId, 'content-type': 'application/json', ...headers },
		body
	});
	return traceRequest(req, ROUTE, () => handler(req));
}

async function work() {
	await runOnce({
		connectionString: pg.url,
		taskList: traceTasks(taskList),
		logger: quietLogger,
		noHandleSignals: true
	});
}

async function book(requestId: string, fromDay: number) {
	for (let day = fromDay; day < fromDay + 14; day++) {
		const found = await searchSlots(pg.db, {
			serviceId,
			date: daysAhead(day),
			postcode: 'N16 9PD',
			staffId: amiraStaffId,
			now: Date.now()
		});
		const slot = found.ok ? found.slots.find((s) => s.staffIds.includes(amiraStaffId)) : undefined;
		if (!slot) continue;
		const body = JSON.stringify({
			service_id: serviceId,
			start_time: new Date(slot.start).toISOString(),
			staff_id: amiraStaffId,
			customer: TEST_CUSTOMER
		});
		const response = await request(requestId, '/api/v1/bookings/', body, (r) =>
			apiCreateBooking(r, undefined)
		);
		expect(response.status).toBe(201);
		expect(response.headers.get('x-request-id')).toBe(requestId);
		return (await response.json()).data as { id: string; cancellation_token: string };
	}
	throw new Error(`no free slot for the cleaner from day ${fromDay}`);
}

/** The payload of the waiting job with this key. */
async function payloadOf(key: string) {
	const [job] = await pg.sql`SELECT p.payload FROM graphile_worker.jobs j
		JOIN graphile_worker._private_jobs p ON p.id = j.id WHERE j.key = ${key}`;
	return job?.payload as Record<string, unknown> | undefined;
}

/** The worker's lines of one task, each with the request id it carried. */
const jobLines = (task: string) => lines.filter((l) => l.task === task && l.jobId);

beforeAll(async () => {
	[pg, google, stripe] = await Promise.all([
		startTestDatabase(),
		startFakeGoogleCalendar(FAKE_GOOGLE_CLIENT),
		startFakeStripe()
	]);
	await seedQuietDiary(pg.url);
	process.env.DATABASE_URL = pg.url;
	for (const name of ['SENDGRID_API_KEY', 'TWILIO_ACCOUNT_SID']) delete process.env[name];
	Object.assign(process.env, {
		STRIPE_SECRET_KEY: 'sk_test_valclean',
		STRIPE_PUBLISHABLE_KEY: 'pk_test_valclean',
		STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
		STRIPE_API_BASE: stripe.url
	});
	forgetGoogle = useFakeGoogle(google);
	[{ id: serviceId }] = await pg.sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
	[{ id: amiraStaffId }] = await pg.sql`SELECT s.id FROM staff s
		JOIN users u ON u.id = s.user_id WHERE u.email = ${CLEANER}`;
	await connectGoogle(pg.db, google, CLEANER);
	await work(); // the first pull after connecting
	restoreLogs = captureLogs((line) => lines.push(JSON.parse(line)), 'debug');
});

afterAll(async () => {
	restoreLogs?.();
	for (const name of STRIPE_SETTINGS) delete process.env[name];
	forgetGoogle?.();
	await closeDatabase();
	await Promise.all([pg?.stop(), google?.close(), stripe?.close()]);
});

describe('one request id, from the HTTP request into every job it leads to', () => {
	it('a booking: the access line, the mutator, and the calendar pushes its trigger queues', async () => {
		const made = await book('req-booking-0001', 8);
		expect(lines).toContainEqual(
			expect.objectContaining({
				msg: 'request',
				requestId: 'req-booking-0001',
				method: 'POST',
				route: ROUTE,
				status: 201
			})
		);
		expect(lines).toContainEqual(
			expect.objectContaining({
				msg: 'mutator committed',
				requestId: 'req-booking-0001',
				source: 'api'
			})
		);
		// Queued in the booking's transaction by the appointments trigger.
		expect(await payloadOf(`calendar-push:${made.id}`)).toEqual({
			appointmentId: made.id,
			requestId: 'req-booking-0001'
		});

		// The push runs; then the hold runs out and the worker's sweep (every minute from its
		// crontab, queued here by hand) expires the booking: that change queues another push, which
		// carries the sweep's own id, as the sweep's lines do.
		await work();
		expect(google.liveEvents(CLEANER).some((e) => e.extendedProperties?.private)).toBe(true);
		await pg.sql`UPDATE appointments SET hold_expires_at = now() WHERE id = ${made.id}`;
		const [sweep] =
			await pg.sql`SELECT (graphile_worker.add_job('booking__expire_holds', '{}'::json)).id`;
		sweepRequestId = `job-${String(sweep.id).padStart(8, '0')}`;
		const before = lines.length;
		await work();
		const [{ status }] = await pg.sql`SELECT status FROM appointments WHERE id = ${made.id}`;
		expect(status).toBe('expired');
		const swept = lines.slice(before).filter((l) => l.task === 'booking__expire_holds' && l.jobId);
		const repush = lines.slice(before).filter((l) => l.task === 'calendar__push' && l.jobId);
		expect(swept.length).toBeGreaterThan(0);
		expect(repush.length).toBeGreaterThan(0);
		for (const line of [...swept, ...repush]) expect(line.requestId).toBe(sweepRequestId);
		// The expired booking's event is gone from the cleaner's calendar: the push did run.
		expect(google.liveEvents(CLEANER).some((e) => e.extendedProperties?.private)).toBe(false);
	});

	it('a Stripe webhook: the settle path’s notice, calendar push and the reminder it schedules', async () => {
		const made = await book('req-booking-0002', 9);
		const intent = await request(
			'req-intent-0002',
			'/api/v1/payments/create-intent/',
			JSON.stringify({ booking_id: made.id, token: made.cancellation_token }),
			(r) => apiCreatePaymentIntent(r, undefined)
		);
		expect(intent.status).toBe(201);
		const intentId = (await intent.json()).data.payment_intent_id;
		await work(); // the booking's own push
		stripe.pay(intentId); // what Stripe.js does in the customer's browser
		const payload = JSON.stringify(stripe.event('payment_intent.succeeded', intentId));
		const delivered = await request(
			'req-webhook-0002',
			'/api/v1/payments/webhook/',
			payload,
			(r) => apiStripeWebhook(r),
			{
				'stripe-signature': Stripe.webhooks.generateTestHeaderString({
					payload,
					secret: WEBHOOK_SECRET
				})
			}
		);
		expect(delivered.status).toBe(200);
		expect((await delivered.json()).data.outcome).toBe('confirmed');
		expect(lines).toContainEqual(
			expect.objectContaining({ msg: 'request', requestId: 'req-webhook-0002', status: 200 })
		);
		expect(lines).toContainEqual(
			expect.objectContaining({
				msg: 'payment event',
				requestId: 'req-webhook-0002',
				provider: 'stripe',
				outcome: 'confirmed'
			})
		);
		// Settling queued the notice (code) and, confirming the booking, a push (trigger).
		const withId = { appointmentId: made.id, requestId: 'req-webhook-0002' };
		expect(await payloadOf(`notify-confirmed:${made.id}`)).toEqual(withId);
		expect(await payloadOf(`calendar-push:${made.id}`)).toEqual(withId);

		const before = lines.length;
		await work();
		const after = lines.slice(before);
		const notice = after.filter((l) => l.task === 'booking__notify_confirmed' && l.jobId);
		const push = after.filter((l) => l.task === 'calendar__push' && l.jobId);
		expect(notice.length).toBeGreaterThan(0);
		expect(push.length).toBeGreaterThan(0);
		for (const line of [...notice, ...push]) expect(line.requestId).toBe('req-webhook-0002');
		// The notice, sent inside that job's trace, schedules the reminder with the same id.
		const reminder = await payloadOf(`remind:${made.id}`);
		expect(reminder).toMatchObject(withId);
	});

	it('every line about a job names a request of ours, and no line holds personal data', () => {
		const ours = new Set([
			'req-booking-0001',
			'req-booking-0002',
			'req-webhook-0002',
			sweepRequestId
		]);
		const jobs = lines.filter((l) => l.jobId);
		expect(new Set(jobs.map((l) => l.task))).toEqual(
			new Set(['calendar__push', 'booking__expire_holds', 'booking__notify_confirmed'])
		);
		for (const line of jobs)
			expect(ours.has(String(line.requestId)), JSON.stringify(line)).toBe(true);
		expect(jobLines('calendar__push').length).toBeGreaterThanOrEqual(3);
		const text = JSON.stringify(lines);
		for (const personal of [
			TEST_CUSTOMER.email,
			TEST_CUSTOMER.phone,
			TEST_CUSTOMER.name,
			TEST_CUSTOMER.address_line1,
			TEST_CUSTOMER.postcode,
			CLEANER
		])
			expect(text).not.toContain(personal);
	});

	it('the setting lasts one transaction: the next one on the same connection does not inherit it', async () => {
		const one = createDb(pg.url, 1);
		const read = () =>
			one.db.transaction(async (tx) => {
				const [row] = (await tx.execute(
					sql`SELECT current_setting(${REQUEST_ID_SETTING}, true) AS id`
				)) as unknown as { id: string | null }[];
				return row.id;
			});
		try {
			expect(await withTrace({ requestId: 'req-scoped-0003' }, read)).toBe('req-scoped-0003');
			expect(await read()).toBeFalsy();
			// Nor a statement outside any transaction.
			const [row] = await one.sql`SELECT current_setting('valclean.request_id', true) AS id`;
			expect(row.id).toBeFalsy();
		} finally {
			await one.sql.end({ timeout: 2 });
		}
	});
});
