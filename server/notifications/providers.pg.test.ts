import { quickAddJob, runOnce } from 'graphile-worker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../../drizzle/seed/seed.ts';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import { startFakeSendGrid, type FakeSendGrid } from '../../tests/fakes/sendgrid.ts';
import { startFakeTwilio, type FakeTwilio } from '../../tests/fakes/twilio.ts';
import { freePort } from '../../tests/support/ports.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { apiCreateBooking } from '../api/booking-create.ts';
import { apiConfirmPayment, apiCreatePaymentIntent } from '../api/payments.ts';
import { searchSlots } from '../booking/availability.ts';
import { closeDatabase } from '../db/client.ts';
import { quietLogger } from '../worker/logger.ts';
import { taskList } from '../worker/tasks.ts';
import { NotSent } from './port.ts';
import { sendGridEmail } from './sendgrid-driver.ts';
import { twilioSms } from './twilio-driver.ts';

// The SendGrid and Twilio drivers drive the real SDKs against local fakes of the providers' APIs
// (tests/fakes), alone and under the notification tasks: what reaches the provider, how its "no"
// is read, and that a message is never sent twice — not even when the provider took it and the
// answer was lost.

const ACCOUNT = { sid: 'AC0123456789abcdef0123456789abcdef', token: 'twilio-test-token' };
const FROM_EMAIL = 'bookings@valclean.example';
let pg: TestDatabase;
let sendgrid: FakeSendGrid;
let twilio: FakeTwilio;

const email = {
	to: 'priya.shah@example.com',
	subject: 'Booked: Deep clean on Tuesday 3 June at 09:00',
	text: 'Hello Priya,\n',
	html: '<p>Hello Priya,</p>'
};
const meta = { key: '0197:confirmed:customer:email', appointmentId: null };

const sendgridDriver = (apiBase = sendgrid.url) =>
	sendGridEmail({ apiKey: 'SG.test-key', from: `VALClean <${FROM_EMAIL}>`, apiBase });
const twilioDriver = (apiBase = twilio.url, from = '+447700900000') =>
	twilioSms({ accountSid: ACCOUNT.sid, authToken: ACCOUNT.token, from, apiBase });

async function refusalOf(sending: Promise<unknown>) {
	const error = await sending.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(NotSent);
	return error as NotSent;
}

/** A booking paid with the local payment driver, its confirmation job queued. */
async function confirmedBooking(day: number) {
	const [{ id: serviceId }] = await pg.sql`SELECT id FROM services WHERE slug = 'deep-clean-flat'`;
	let slot: { start: number; staffIds: string[] } | undefined;
	for (let d = day; !slot && d < day + 7; d++) {
		const date = addDays(localDate(Date.now(), 'Europe/London'), d);
		const found = await searchSlots(pg.db, {
			serviceId,
			date,
			postcode: 'N16 9PD',
			now: Date.now()
		});
		if (!found.ok) throw new Error(found.message);
		slot = found.slots[0];
	}
	const post = (body: unknown) =>
		new Request('http://test/', { method: 'POST', body: JSON.stringify(body) });
	const made = await apiCreateBooking(
		post({
			service_id: serviceId,
			start_time: new Date(slot!.start).toISOString(),
			staff_id: slot!.staffIds[0],
			customer: {
				name: 'Priya Shah',
				email: 'priya.shah@example.com',
				phone: '07700 900321',
				address_line1: '12 Albion Road',
				city: 'London',
				postcode: 'N16 9PD'
			}
		}),
		undefined
	);
	const booking = (await made.json()).data as { id: string; cancellation_token: string };
	const token = booking.cancellation_token;
	const intent = await (
		await apiCreatePaymentIntent(post({ booking_id: booking.id, token }), undefined)
	).json();
	const confirmed = await apiConfirmPayment(
		post({ booking_id: booking.id, payment_intent_id: intent.data.payment_intent_id, token }),
		undefined
	);
	expect(confirmed.status).toBe(200);
	return booking.id;
}

const runJobs = () =>
	runOnce({ connectionString: pg.url, taskList, logger: quietLogger, noHandleSignals: true });

/** The confirmation job again, due now: what a retry by Graphile Worker would run. */
async function runConfirmationAgain(appointmentId: string) {
	await quickAddJob({ connectionString: pg.url }, 'booking__notify_confirmed', { appointmentId });
	await runJobs();
}

const log = (appointmentId: string) => pg.sql`
	SELECT key, driver, status, attempts, provider_message_id, error FROM notification_log
	WHERE appointment_id = ${appointmentId} ORDER BY key`;

beforeAll(async () => {
	[pg, sendgrid, twilio] = await Promise.all([
		startTestDatabase(),
		startFakeSendGrid(),
		startFakeTwilio(ACCOUNT)
	]);
	await seedIfEmpty(pg.url, new Date(), async (p) => `test-hash:${p}`);
	process.env.DATABASE_URL = pg.url;
	delete process.env.STRIPE_SECRET_KEY;
});

afterEach(() => {
	sendgrid.accepted.length = 0;
	twilio.accepted.length = 0;
});

afterAll(async () => {
	await closeDatabase();
	await Promise.all([pg?.stop(), sendgrid?.close(), twilio?.close()]);
});

describe('the SendGrid driver (@sendgrid/mail against a local fake)', () => {
	it('sends subject, text, HTML and sender, with the notification key, and gives back the message id', async () => {
		const sent = await sendgridDriver().send(email, meta);
		expect(sendgrid.accepted).toEqual([
			{
				id: sent.providerMessageId,
				to: ['priya.shah@example.com'],
				from: FROM_EMAIL,
				subject: email.subject,
				text: email.text,
				html: email.html,
				customArgs: { notification_key: meta.key }
			}
		]);
		expect(sendgrid.requests.at(-1)?.authorization).toBe('Bearer SG.test-key');
	});

	it('reads SendGrid’s no: a bad request is for good, an outage or rate limit is worth a retry', async () => {
		sendgrid.next(
			{ status: 400, message: 'Does not contain a valid address.' },
			{ status: 503, message: 'Service unavailable' },
			{ status: 429, message: 'Too many requests' }
		);
		const bad = await refusalOf(sendgridDriver().send(email, meta));
		expect([bad.retryable, bad.message]).toEqual([
			false,
			'SendGrid answered 400: Does not contain a valid address.'
		]);
		expect((await refusalOf(sendgridDriver().send(email, meta))).retryable).toBe(true);
		expect((await refusalOf(sendgridDriver().send(email, meta))).retryable).toBe(true);
		expect(sendgrid.accepted).toEqual([]);
	});

	it('knows nothing went when nobody listens at the address', async () => {
		const closed = `http://127.0.0.1:${await freePort()}`;
		const error = await refusalOf(sendgridDriver(closed).send(email, meta));
		expect(error.retryable).toBe(true);
	});
});

describe('the Twilio driver (twilio against a local fake)', () => {
	it('texts from the configured number and gives back the message SID', async () => {
		const sent = await twilioDriver().send(
			{ to: '+447700900321', body: 'VALClean: booked.' },
			meta
		);
		expect(sent.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
		expect(twilio.accepted).toEqual([
			{
				sid: sent.providerMessageId,
				to: '+447700900321',
				from: '+447700900000',
				body: 'VALClean: booked.'
			}
		]);
		expect(twilio.requests.at(-1)?.path).toBe(`/2010-04-01/Accounts/${ACCOUNT.sid}/Messages.json`);
	});

	it('sends through a Messaging Service when TWILIO_FROM is one', async () => {
		await twilioDriver(twilio.url, 'MG0123456789abcdef0123456789abcdef').send(
			{ to: '+447700900321', body: 'Hello' },
			meta
		);
		expect(twilio.accepted).toEqual([expect.objectContaining({ from: null, to: '+447700900321' })]);
	});

	it('reads Twilio’s no: a number it cannot text is for good; a 429 is retried by the SDK itself', async () => {
		const invalid = await refusalOf(twilioDriver().send({ to: '+4412', body: 'Hello' }, meta));
		expect([invalid.retryable, invalid.message]).toEqual([
			false,
			"Twilio answered 400 (error 21211): The 'To' number +4412 is not a valid phone number."
		]);
		twilio.next({ status: 429, code: 20429, message: 'Too Many Requests' });
		await twilioDriver().send({ to: '+447700900321', body: 'Hello' }, meta);
		expect(twilio.accepted).toHaveLength(1);
		twilio.next({ status: 500, code: 20500, message: 'Internal Server Error' });
		expect(
			(await refusalOf(twilioDriver().send({ to: '+447700900321', body: 'x' }, meta))).retryable
		).toBe(true);
	});
});

describe('notification tasks with SendGrid and Twilio configured', () => {
	beforeAll(() => {
		Object.assign(process.env, {
			SENDGRID_API_KEY: 'SG.test-key',
			EMAIL_FROM: `VALClean <${FROM_EMAIL}>`,
			SENDGRID_API_BASE: sendgrid.url,
			TWILIO_ACCOUNT_SID: ACCOUNT.sid,
			TWILIO_AUTH_TOKEN: ACCOUNT.token,
			TWILIO_FROM: '+447700900000',
			TWILIO_API_BASE: twilio.url
		});
	});

	it('send through the providers, log their ids, and write nothing to the outbox', async () => {
		const id = await confirmedBooking(7);
		await runJobs();
		expect(sendgrid.accepted.map((m) => m.to)).toEqual([['priya.shah@example.com']]);
		expect(twilio.accepted.map((m) => m.to)).toEqual([
			'+447700900321',
			expect.stringMatching(/^\+447700900\d{3}$/)
		]);
		const rows = await log(id);
		expect(rows.map((r) => [r.driver, r.status])).toEqual([
			['twilio', 'sent'],
			['sendgrid', 'sent'],
			['twilio', 'sent']
		]);
		expect(rows.map((r) => r.provider_message_id).sort()).toEqual(
			[sendgrid.accepted[0].id, ...twilio.accepted.map((m) => m.sid)].sort()
		);
		expect(await pg.sql`SELECT 1 FROM outbox_messages WHERE appointment_id = ${id}`).toHaveLength(
			0
		);
		await runConfirmationAgain(id);
		expect([sendgrid.accepted.length, twilio.accepted.length]).toEqual([1, 2]);
	});

	it('never sends twice a message the provider took when the answer was lost', async () => {
		const id = await confirmedBooking(8);
		sendgrid.next('accept-then-drop');
		await runJobs();
		expect(sendgrid.accepted).toHaveLength(1);
		const [email] = (await log(id)).filter((r) => r.driver === 'sendgrid');
		expect(email.status).toBe('sending');
		expect(email.error).toMatch(/^Outcome unknown, not resent/);
		// The texts went regardless; a retry sends nothing more, least of all the email.
		await runConfirmationAgain(id);
		expect(sendgrid.accepted).toHaveLength(1);
		expect(twilio.accepted).toHaveLength(2);
	});

	it('retries a temporary refusal with the job, and then sends that message once', async () => {
		const id = await confirmedBooking(9);
		twilio.next({ status: 503, code: 20503, message: 'Service Unavailable' });
		await runJobs();
		const failed = (await log(id)).find((r) => r.status === 'failed')!;
		expect(failed).toMatchObject({ driver: 'twilio', attempts: 1 });
		expect(failed.error).toBe('Twilio answered 503 (error 20503): Service Unavailable');
		// The job failed and waits for its retry; bring the retry forward, once Graphile Worker has
		// recorded the failure (runOnce may return just before it is committed).
		const key = `notify-confirmed:${id}`;
		for (let tries = 0; ; tries++) {
			const [moved] = await pg.sql`
				UPDATE graphile_worker._private_jobs SET run_at = now()
				WHERE key = ${key} AND attempts = 1 AND locked_at IS NULL RETURNING id`;
			if (moved) break;
			if (tries > 100) throw new Error('the failed job was not released');
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		await runJobs();
		const rows = await log(id);
		expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
		expect(rows.find((r) => r.key === failed.key)!.attempts).toBe(2);
		expect(sendgrid.accepted).toHaveLength(1);
		expect(twilio.accepted).toHaveLength(2);
	});
});
