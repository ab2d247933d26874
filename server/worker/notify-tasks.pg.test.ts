import { eq } from 'drizzle-orm';
import { quickAddJob, runOnce } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { users } from '../../drizzle/schema.ts';
import { encodeHlc, tick, type Hlc } from '../../sync/domain/hlc.ts';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import { apiCreateBooking } from '../api/booking-create.ts';
import { apiCancelBooking, apiRescheduleBooking } from '../api/booking-manage.ts';
import { apiConfirmPayment, apiCreatePaymentIntent } from '../api/payments.ts';
import { authContextFor } from '../auth/context.ts';
import { searchSlots } from '../booking/availability.ts';
import { closeDatabase } from '../db/client.ts';
import { ingestFieldEvents } from '../field/ingest.ts';
import { quietLogger } from './logger.ts';
import { taskList } from './tasks.ts';

// The notification tasks through Graphile Worker against the demo company in a real Postgres,
// with no provider keys: every message lands in the local outbox, where it can be counted.

const DAY = 86_400_000;
const ORIGIN = 'https://valclean.example';
let pg: TestDatabase;
const daysAhead = (n: number) => addDays(localDate(Date.now(), 'Europe/London'), n);
const iso = (ms: number) => new Date(ms).toISOString();
const postJson = (body: unknown) =>
	new Request('http://test/', { method: 'POST', body: JSON.stringify(body) });
const url = () => new URL('http://test/');

type Slot = { start: number; end: number; staffIds: string[] };
type Made = { id: string; cancellation_token: string; staff_id: string; start: number };

async function slotsOn(slug: string, date: string, staffId?: string): Promise<Slot[]> {
	const [{ id: serviceId }] = await pg.sql`SELECT id FROM services WHERE slug = ${slug}`;
	const found = await searchSlots(pg.db, {
		serviceId,
		date,
		postcode: 'N16 9PD',
		staffId,
		now: Date.now()
	});
	if (!found.ok) throw new Error(found.message);
	return found.slots;
}

/** Books the first free slot from `day` on, as a customer on the booking page would. */
async function book(slug: string, day: number, recurrence?: { frequency: string; count: number }) {
	for (let d = day; d < day + 7; d++) {
		const [slot] = await slotsOn(slug, daysAhead(d));
		if (!slot) continue;
		const [{ id: serviceId }] = await pg.sql`SELECT id FROM services WHERE slug = ${slug}`;
		const response = await apiCreateBooking(
			postJson({
				service_id: serviceId,
				start_time: iso(slot.start),
				staff_id: slot.staffIds[0],
				customer: {
					name: 'Priya <b>Shah</b>',
					email: 'priya.shah@example.com',
					phone: '07700 900321',
					address_line1: '12 Albion Road',
					city: 'London',
					postcode: 'N16 9PD'
				},
				...(recurrence && { recurrence })
			}),
			undefined
		);
		expect(response.status).toBe(201);
		return { ...(await response.json()).data, start: slot.start } as Made;
	}
	throw new Error(`no free ${slug} within a week of day ${day}`);
}

/** Pays with the local driver: the booking is confirmed and its confirmation job queued. */
async function pay(made: Made) {
	const intent = await apiCreatePaymentIntent(
		postJson({ booking_id: made.id, token: made.cancellation_token }),
		undefined
	);
	const { data } = await intent.json();
	const confirmed = await apiConfirmPayment(
		postJson({
			booking_id: made.id,
			payment_intent_id: data.payment_intent_id,
			token: made.cancellation_token
		}),
		undefined
	);
	expect(confirmed.status).toBe(200);
}

const runJobs = () =>
	runOnce({ connectionString: pg.url, taskList, logger: quietLogger, noHandleSignals: true });

/** The outbox's messages about one appointment, oldest first. */
const outbox = (appointmentId: string) => pg.sql`
	SELECT channel, to_address, subject, text, html, notification_key FROM outbox_messages
	WHERE appointment_id = ${appointmentId} ORDER BY created_at, notification_key`;

/** A queued job by its key (the public view has no payload: that is in the private table). */
const job = async (key: string) =>
	(
		await pg.sql`
			SELECT j.run_at, j.task_identifier, p.payload FROM graphile_worker.jobs j
			JOIN graphile_worker._private_jobs p ON p.id = j.id WHERE j.key = ${key}`
	)[0];

async function contextOf(email: string) {
	const [user] = await pg.db.select().from(users).where(eq(users.email, email));
	return authContextFor(pg.db, user);
}

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedQuietDiary(pg.url);
	process.env.DATABASE_URL = pg.url;
	process.env.PUBLIC_URL = ORIGIN;
	for (const name of ['SENDGRID_API_KEY', 'TWILIO_ACCOUNT_SID', 'STRIPE_SECRET_KEY']) {
		delete process.env[name];
	}
});

afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
});

describe('booking__notify_confirmed', () => {
	it('sends the customer an email and a text and tells the cleaner, once, however often it runs', async () => {
		const made = await book('deep-clean-flat', 7);
		await pay(made);
		await runJobs();
		const sent = await outbox(made.id);
		const [cleaner] = await pg.sql`SELECT phone FROM staff WHERE id = ${made.staff_id}`;
		const link = `${ORIGIN}/booking/${made.id}?token=${made.cancellation_token}`;
		expect(sent.map((m) => [m.channel, m.to_address])).toEqual([
			['email', 'priya.shah@example.com'],
			['sms', '+447700900321'],
			['sms', `+44${cleaner.phone.replace(/\s/g, '').slice(1)}`]
		]);
		const [email, customerText, cleanerText] = sent;
		expect(email.subject).toMatch(/^Booked: Deep clean/);
		expect(email.text).toContain(link);
		expect(email.text).toContain('Hello Priya,');
		expect(email.html).toContain(`href="${link}"`);
		expect(customerText.text).toContain(link);
		expect(cleanerText.text).toMatch(/^VALClean: new job .* for Priya, 12 Albion Road, N16 9PD\.$/);
		expect(cleanerText.text).not.toMatch(/Shah|example\.com|7700 ?900321/);

		// The same job again (a retry, or a second confirmation) sends nothing more.
		await quickAddJob({ connectionString: pg.url }, 'booking__notify_confirmed', {
			appointmentId: made.id
		});
		await runJobs();
		expect(await outbox(made.id)).toHaveLength(3);
		const log = await pg.sql`
			SELECT status, driver, count(*)::int AS n FROM notification_log
			WHERE appointment_id = ${made.id} GROUP BY status, driver`;
		expect(log).toEqual([{ status: 'sent', driver: 'outbox', n: 3 }]);

		// …and the reminder waits for 24 hours before the clean.
		const reminder = await job(`remind:${made.id}`);
		expect(reminder.task_identifier).toBe('booking__remind');
		expect(Date.parse(reminder.run_at)).toBe(made.start - DAY);
		expect(reminder.payload).toEqual({ appointmentId: made.id, startTime: made.start });
	});

	it('confirms a recurring series in one message listing its dates, with a reminder per clean', async () => {
		const made = await book('regular-clean-2-hours', 8, { frequency: 'weekly', count: 3 });
		await pay(made);
		await runJobs();
		const occurrences = await pg.sql`
			SELECT id, start_time FROM appointments WHERE series_id = ${made.id} ORDER BY start_time`;
		expect(occurrences).toHaveLength(3);
		const sent = await outbox(made.id);
		expect(sent).toHaveLength(3);
		const email = sent.find((m) => m.channel === 'email')!;
		expect(email.subject).toMatch(/^Booked: your 3 cleans from /);
		expect(email.text.match(/^- \w+day \d+ \w+ \d{4}, \d\d:\d\d–\d\d:\d\d$/gm)).toHaveLength(3);
		for (const o of occurrences) {
			if (o.id !== made.id) expect(await outbox(o.id)).toHaveLength(0);
			const reminder = await job(`remind:${o.id}`);
			expect(Date.parse(reminder.run_at)).toBe(Date.parse(o.start_time) - DAY);
		}
	});

	it('confirms the cleans of a series still booked when the job runs, and reminds of those only', async () => {
		const made = await book('regular-clean-2-hours', 16, { frequency: 'weekly', count: 3 });
		await pay(made);
		await pg.sql`UPDATE appointments SET status = 'cancelled' WHERE id = ${made.id}`;
		await runJobs();
		const email = (await outbox(made.id)).find((m) => m.channel === 'email')!;
		expect(email.subject).toMatch(/^Booked: your 2 cleans from /);
		const reminded = await pg.sql`
			SELECT a.id FROM appointments a JOIN graphile_worker.jobs j ON j.key = 'remind:' || a.id
			WHERE a.series_id = ${made.id}`;
		expect(reminded.map((r) => r.id).sort()).toEqual(
			(await pg.sql`SELECT id FROM appointments WHERE series_id = ${made.id} AND id <> ${made.id}`)
				.map((r) => r.id)
				.sort()
		);
	});

	it('announces nothing for a booking cancelled before the job ran', async () => {
		const made = await book('deep-clean-flat', 9);
		await pay(made);
		await pg.sql`UPDATE appointments SET status = 'cancelled' WHERE id = ${made.id}`;
		await runJobs();
		expect(await outbox(made.id)).toHaveLength(0);
		expect(await job(`remind:${made.id}`)).toBeUndefined();
	});
});

describe('changing a confirmed booking', () => {
	it('cancel: tells the customer and the cleaner, mentions the refund, and removes the reminder', async () => {
		const made = await book('deep-clean-flat', 10);
		await pay(made);
		await runJobs();
		expect(await job(`remind:${made.id}`)).toBeDefined();
		const response = await apiCancelBooking(
			made.id,
			postJson({ token: made.cancellation_token }),
			url(),
			undefined
		);
		expect(response.status).toBe(200);
		expect(await job(`remind:${made.id}`)).toBeUndefined();
		expect((await job(`notify-cancelled:${made.id}`)).task_identifier).toBe(
			'booking__notify_cancelled'
		);
		await runJobs();
		const cancelled = (await outbox(made.id)).filter((m) =>
			m.notification_key.includes(':cancelled:')
		);
		expect(cancelled.map((m) => m.channel).sort()).toEqual(['email', 'sms', 'sms']);
		const email = cancelled.find((m) => m.channel === 'email')!;
		expect(email.subject).toMatch(/^Cancelled: your clean on /);
		expect(email.text).toContain('We have refunded the £30.00 you paid.');
		expect(cancelled.some((m) => /^VALClean: job cancelled: /.test(m.text))).toBe(true);
	});

	it('reschedule: tells the new time and moves the reminder; the old one reminds of nothing', async () => {
		const made = await book('regular-clean-2-hours', 11);
		await pay(made);
		await runJobs();
		const later = (await slotsOn('regular-clean-2-hours', daysAhead(12), made.staff_id)).find((s) =>
			s.staffIds.includes(made.staff_id)
		)!;
		const response = await apiRescheduleBooking(
			made.id,
			postJson({ start_time: iso(later.start), token: made.cancellation_token }),
			url(),
			undefined
		);
		expect(response.status).toBe(200);
		const reminders = await pg.sql`
			SELECT run_at, payload FROM graphile_worker._private_jobs WHERE key = ${`remind:${made.id}`}`;
		expect(reminders).toHaveLength(1);
		expect(Date.parse(reminders[0].run_at)).toBe(later.start - DAY);
		expect(reminders[0].payload).toEqual({ appointmentId: made.id, startTime: later.start });
		await runJobs();
		const moved = (await outbox(made.id)).filter((m) =>
			m.notification_key.includes(':rescheduled@')
		);
		expect(moved.map((m) => m.channel).sort()).toEqual(['email', 'sms', 'sms']);
		expect(moved.find((m) => m.channel === 'email')!.subject).toMatch(
			/^Moved: your clean is now on /
		);

		// A reminder queued for the old start (e.g. already running when the booking moved) is void.
		await quickAddJob({ connectionString: pg.url }, 'booking__remind', {
			appointmentId: made.id,
			startTime: made.start
		});
		await runJobs();
		expect(
			(await outbox(made.id)).filter((m) => m.notification_key.includes(':reminder@'))
		).toEqual([]);
		// The moved reminder, when due, reminds of the new time.
		await pg.sql`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = ${`remind:${made.id}`}`;
		await runJobs();
		const reminded = (await outbox(made.id)).filter((m) =>
			m.notification_key.includes(':reminder@')
		);
		expect(reminded.map((m) => m.notification_key)).toEqual([
			`${made.id}:reminder@${iso(later.start)}:customer:email`,
			`${made.id}:reminder@${iso(later.start)}:customer:sms`
		]);
	});

	it('a hand-over by the office tells the new cleaner of a new job, and the old one it is off their list', async () => {
		const made = await book('regular-clean-2-hours', 13);
		await pay(made);
		await runJobs();
		let target: { slot: Slot; staffId: string } | undefined;
		for (let d = 14; !target && d < 21; d++) {
			const slot = (await slotsOn('regular-clean-2-hours', daysAhead(d))).find((s) =>
				s.staffIds.some((id) => id !== made.staff_id)
			);
			if (slot) target = { slot, staffId: slot.staffIds.find((id) => id !== made.staff_id)! };
		}
		const response = await apiRescheduleBooking(
			made.id,
			postJson({ start_time: iso(target!.slot.start), staff_id: target!.staffId }),
			url(),
			await contextOf('admin@valclean.test')
		);
		expect(response.status).toBe(200);
		await runJobs();
		const phoneOf = async (id: string) => {
			const [row] = await pg.sql`SELECT phone FROM staff WHERE id = ${id}`;
			return `+44${row.phone.replace(/\s/g, '').slice(1)}`;
		};
		const sent = await outbox(made.id);
		const byAddress = async (staffId: string) => {
			const phone = await phoneOf(staffId);
			return sent.filter((m) => m.to_address === phone).map((m) => m.text);
		};
		expect(await byAddress(target!.staffId)).toEqual([
			expect.stringMatching(/^VALClean: new job /)
		]);
		expect(await byAddress(made.staff_id)).toEqual([
			expect.stringMatching(/^VALClean: new job /),
			expect.stringMatching(/^VALClean: job taken off your list: /)
		]);
	});

	it('a pending hold that is cancelled tells nobody: it was never announced', async () => {
		const made = await book('deep-clean-flat', 15);
		const response = await apiCancelBooking(
			made.id,
			postJson({ token: made.cancellation_token }),
			url(),
			undefined
		);
		expect(response.status).toBe(200);
		expect(await job(`notify-cancelled:${made.id}`)).toBeUndefined();
		await runJobs();
		expect(await outbox(made.id)).toHaveLength(0);
	});
});

describe('job__notify_on_my_way', () => {
	/** The cleaner's phone sends field events for the job, as the field app does. */
	async function fromPhone(made: Made, kinds: string[]) {
		const [{ email }] = await pg.sql`
			SELECT u.email FROM staff s JOIN users u ON u.id = s.user_id WHERE s.id = ${made.staff_id}`;
		const ctx = await contextOf(email);
		let hlc: Hlc | null = null;
		const events = kinds.map((kind) => {
			hlc = tick(hlc, Date.now(), 'phone');
			return { id: uuidv7(), jobId: made.id, deviceId: 'phone', hlc: encodeHlc(hlc), kind };
		});
		return ingestFieldEvents(pg.db, ctx, events);
	}

	it('texts the customer once, however often it is tapped, and not once the cleaner is in', async () => {
		const made = await book('deep-clean-flat', 20);
		await pay(made);
		await runJobs();
		const before = (await outbox(made.id)).length;
		await fromPhone(made, ['on_my_way']);
		expect(await job(`on-my-way:${made.id}`)).toMatchObject({
			task_identifier: 'job__notify_on_my_way'
		});
		await fromPhone(made, ['on_my_way']);
		await runJobs();
		await fromPhone(made, ['on_my_way']);
		await runJobs();
		const texts = (await outbox(made.id)).slice(before);
		expect(texts.map((m) => [m.channel, m.to_address, m.text])).toEqual([
			[
				'sms',
				'+447700900321',
				expect.stringMatching(/^VALClean: \w+ is on the way to 12 Albion Road/)
			]
		]);

		const late = await book('deep-clean-flat', 22);
		await pay(late);
		await runJobs();
		const sentBefore = (await outbox(late.id)).length;
		// Sent from the doorstep after a spell with no signal: on my way, then clocked in.
		await fromPhone(late, ['on_my_way', 'clock_in']);
		await runJobs();
		expect(await outbox(late.id)).toHaveLength(sentBefore);
	});
});
