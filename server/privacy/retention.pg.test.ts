import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quickAddJob, runOnce } from 'graphile-worker';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobState } from '../../sync/domain/field-state.ts';
import { RETENTION_DEFAULTS } from '../../sync/domain/retention.ts';
import { encodeHlc } from '../../sync/domain/hlc.ts';
import { storedEvent } from '../../sync/field-events.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { closeDatabase } from '../db/client.ts';
import { localFileStore } from '../files/local-driver.ts';
import type { FileStore } from '../files/port.ts';
import { quietLogger } from '../worker/logger.ts';
import { crontab, taskList } from '../worker/tasks.ts';
import { applyRetention, type RetentionOutcome } from './retention.ts';

// Data retention against a real Postgres and a real file store, with a fixed "now" and the
// default settings (photos 180 days after the job, positions 90, messages 180, abandoned
// bookings 30): old data of each kind goes, recent data stays, invoices and payments stay
// whatever their age, and a second run changes nothing.

const NOW = new Date('2026-06-30T03:40:00Z');
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
/** Times go to Postgres as text: the app's client leaves Date serialisation to drizzle. */
const iso = (d: Date) => d.toISOString();

let pg: TestDatabase;
let dir: string;
let store: FileStore;
let staffId: string;
let serviceId: string;
let slot = 0;

type Ids = Record<string, string>;
const job: Ids = {};
const booking: Ids = {};
const customer: Ids = {};
const photoKey: Ids = {};

/** An appointment that ended `endedDaysAgo` days before NOW; each its own hour, never overlapping. */
async function appointment(o: { endedDaysAgo: number; status: string; madeDaysAgo?: number }) {
	const end = new Date(daysAgo(o.endedDaysAgo).getTime() + slot++ * 3_600_000);
	const start = new Date(end.getTime() - 3_600_000);
	const made = daysAgo(o.madeDaysAgo ?? o.endedDaysAgo + 7);
	const [row] = await pg.sql`
		INSERT INTO appointments (staff_id, service_id, start_time, end_time, blocked_from,
			blocked_until, status, created_at, updated_at)
		VALUES (${staffId}, ${serviceId}, ${iso(start)}, ${iso(end)}, ${iso(start)}, ${iso(end)},
			${o.status}, ${iso(made)}, ${iso(made)})
		RETURNING id`;
	return row.id as string;
}

async function guest(name: string, userId: string | null = null) {
	const [row] = await pg.sql`
		INSERT INTO customers (user_id, name, email, phone, address_line1, city, postcode, notes)
		VALUES (${userId}, ${name}, ${`${name.toLowerCase()}@example.com`}, '07700 900123',
			'1 Mare Street', 'London', 'E8 1AA', 'Gate code 4321')
		RETURNING id`;
	return row.id as string;
}

async function book(customerId: string, appointmentId: string, answers = {}) {
	const [row] = await pg.sql`
		INSERT INTO customer_appointments (customer_id, appointment_id, total_price, custom_fields)
		VALUES (${customerId}, ${appointmentId}, 4500, ${JSON.stringify(answers)}::jsonb)
		RETURNING id`;
	return row.id as string;
}

async function fieldEvent(jobId: string, kind: string, payload: object, at: number, n: number) {
	await pg.sql`
		INSERT INTO field_events (id, job_id, staff_id, device_id, kind, payload, hlc, device_time)
		VALUES (${uuidv7()}, ${jobId}, ${staffId}, 'phone-1', ${kind}, ${JSON.stringify(payload)}::jsonb,
			${encodeHlc({ wall: at, counter: n, device: 'phone-1' })}, ${iso(new Date(at))})`;
}

/** A job's work: clock in and out with positions, a note, and one photo with its file. */
async function work(jobId: string, name: string) {
	const [{ end }] = await pg.sql`SELECT end_time AS end FROM appointments WHERE id = ${jobId}`;
	const at = new Date(end as string).getTime() - 3_600_000;
	const position = { lat: 51.546, lng: -0.075, accuracyM: 12 };
	const photoId = uuidv7();
	await fieldEvent(jobId, 'clock_in', { position }, at, 0);
	await fieldEvent(jobId, 'note', { text: 'Dog in the garden' }, at, 1);
	await fieldEvent(jobId, 'photo', { photoId, caption: 'Oven after' }, at, 2);
	await fieldEvent(jobId, 'clock_out', { position }, at + 3_000_000, 0);
	photoKey[name] = `photos/${jobId}/${photoId}.jpg`;
	await store.put(photoKey[name], new TextEncoder().encode(`jpeg of ${name}`), 'image/jpeg');
	await pg.sql`
		INSERT INTO field_photos (id, job_id, staff_id, content_type, bytes, width, height,
			storage_key)
		VALUES (${photoId}, ${jobId}, ${staffId}, 'image/jpeg', 10, 4, 3, ${photoKey[name]})`;
}

async function message(appointmentId: string, name: string, sentDaysAgo: number) {
	const at = daysAgo(sentDaysAgo);
	const key = `${appointmentId}:confirmed:customer:email`;
	await pg.sql`
		INSERT INTO notification_log (key, appointment_id, kind, recipient, channel, to_address,
			driver, status, error, created_at, sent_at)
		VALUES (${key}, ${appointmentId}, 'confirmed', 'customer', 'email',
			${`${name}@example.com`}, 'outbox', 'sent', ${`bounced once for ${name}@example.com`}, ${iso(at)},
			${iso(at)})`;
	await pg.sql`
		INSERT INTO outbox_messages (channel, to_address, subject, text, notification_key,
			appointment_id, created_at)
		VALUES ('email', ${`${name}@example.com`}, 'Your clean is booked', ${`Dear ${name}`}, ${key},
			${appointmentId}, ${iso(at)})`;
}

/** Everything retention may touch, to show that a second run changes nothing. */
async function snapshot() {
	return {
		appointments: await pg.sql`SELECT * FROM appointments ORDER BY id`,
		bookings: await pg.sql`SELECT * FROM customer_appointments ORDER BY id`,
		customers: await pg.sql`SELECT * FROM customers ORDER BY id`,
		notes: await pg.sql`SELECT * FROM appointment_notes ORDER BY appointment_id`,
		events: await pg.sql`SELECT * FROM field_events ORDER BY id`,
		photos: await pg.sql`SELECT * FROM field_photos ORDER BY id`,
		log: await pg.sql`SELECT * FROM notification_log ORDER BY key`,
		outbox: await pg.sql`SELECT * FROM outbox_messages ORDER BY id`,
		payments: await pg.sql`SELECT * FROM payments ORDER BY id`,
		invoices: await pg.sql`SELECT * FROM invoices ORDER BY id`,
		audit: await pg.sql`SELECT * FROM audit_log ORDER BY id`,
		files: await readdir(dir, { recursive: true })
	};
}

beforeAll(async () => {
	pg = await startTestDatabase();
	dir = await mkdtemp(join(tmpdir(), 'valclean-retention-'));
	store = localFileStore(dir);
	const [category] = await pg.sql`
		INSERT INTO categories (name, slug) VALUES ('Home', 'home') RETURNING id`;
	[{ id: serviceId }] = await pg.sql`
		INSERT INTO services (category_id, name, slug, duration_minutes, price)
		VALUES (${category.id}, 'Regular clean', 'regular', 60, 4500) RETURNING id`;
	[{ id: staffId }] = await pg.sql`
		INSERT INTO staff (name, email) VALUES ('Amira', 'amira@example.com') RETURNING id`;

	// Field work: past both periods, past positions' only, and recent.
	job.old = await appointment({ endedDaysAgo: 200, status: 'completed' });
	job.middle = await appointment({ endedDaysAgo: 120, status: 'completed' });
	job.recent = await appointment({ endedDaysAgo: 10, status: 'completed' });
	for (const name of ['old', 'middle', 'recent']) await work(job[name], name);
	// A photo event whose picture never reached the server, on the old job.
	await fieldEvent(job.old, 'photo', { photoId: uuidv7() }, daysAgo(200).getTime(), 9);

	// Messages: sent 200 days ago (past 180) and 10 days ago.
	await message(job.old, 'olga', 200);
	await message(job.recent, 'rita', 10);

	// Accounting records eight years old: a paid booking with its invoice. Never purged.
	customer.paying = await guest('Paula');
	job.paid = await appointment({ endedDaysAgo: 2920, status: 'completed' });
	const paid = await book(customer.paying, job.paid);
	await pg.sql`
		INSERT INTO payments (customer_appointment_id, amount, payment_method, status, created_at)
		VALUES (${paid}, 4500, 'card', 'succeeded', ${iso(daysAgo(2920))})`;
	await pg.sql`
		INSERT INTO invoices (customer_id, customer_appointment_id, invoice_number, total_amount,
			status, created_at)
		VALUES (${customer.paying}, ${paid}, 'INV-2018-0001', 4500, 'paid', ${iso(daysAgo(2920))})`;

	// Abandoned bookings (expired: the hold ran out unpaid), 40 days old unless said otherwise.
	const abandoned = (madeDaysAgo = 40) =>
		appointment({ endedDaysAgo: madeDaysAgo - 5, status: 'expired', madeDaysAgo });
	// A guest who left at once: the booking and the guest go.
	customer.gone = await guest('Gina');
	booking.gone = await abandoned();
	await book(customer.gone, booking.gone, { door: 'Key under the mat' });
	// A guest whose card was declined: the payment attempt stays, so the booking row stays,
	// without its answers and notes; the guest is anonymised.
	customer.declined = await guest('Dora');
	booking.declined = await abandoned();
	const declined = await book(customer.declined, booking.declined, { door: 'Code 1234' });
	await pg.sql`
		INSERT INTO payments (customer_appointment_id, amount, payment_method, status, created_at)
		VALUES (${declined}, 4500, 'card', 'failed', ${iso(daysAgo(40))})`;
	await pg.sql`
		INSERT INTO appointment_notes (appointment_id, internal_notes)
		VALUES (${booking.declined}, 'She called about the dog')`;
	// A returning guest with a real booking too: the abandoned one goes, her details stay.
	customer.returning = await guest('Rosa');
	booking.returningLost = await abandoned();
	await book(customer.returning, booking.returningLost);
	await book(customer.returning, await appointment({ endedDaysAgo: 60, status: 'completed' }));
	// A customer with an account: the booking goes, the account's customer row stays.
	const [user] = await pg.sql`
		INSERT INTO users (email, username, name) VALUES ('ursula@example.com', 'ursula', 'Ursula')
		RETURNING id`;
	customer.account = await guest('Ursula', user.id);
	booking.account = await abandoned();
	await book(customer.account, booking.account);
	// Abandoned only 10 days ago: all kept.
	customer.fresh = await guest('Fran');
	booking.fresh = await abandoned(10);
	await book(customer.fresh, booking.fresh, { door: 'Blue door' });
	// Expired, but the money came in later (a webhook after the hold): an accounting record.
	customer.latePayer = await guest('Lena');
	booking.latePaid = await abandoned();
	const late = await book(customer.latePayer, booking.latePaid, { door: 'Side gate' });
	await pg.sql`
		INSERT INTO payments (customer_appointment_id, amount, payment_method, status, created_at)
		VALUES (${late}, 4500, 'card', 'succeeded', ${iso(daysAgo(40))})`;
});

afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
	if (dir) await rm(dir, { recursive: true, force: true });
});

const countsOf = (outcomes: RetentionOutcome[]) =>
	Object.fromEntries(outcomes.map((o) => [o.policy, o.counts]));

describe('the settings row', () => {
	it('starts with the domain’s defaults (migration 0031)', async () => {
		const [row] = await pg.sql`
			SELECT photo_retention_days AS "photoRetentionDays",
				position_retention_days AS "positionRetentionDays",
				message_retention_days AS "messageRetentionDays",
				abandoned_booking_retention_days AS "abandonedBookingRetentionDays"
			FROM business_settings`;
		expect(row).toEqual(RETENTION_DEFAULTS);
	});
});

describe('applyRetention with the default settings', () => {
	let before: Awaited<ReturnType<typeof snapshot>>;
	let outcomes: RetentionOutcome[];

	beforeAll(async () => {
		before = await snapshot();
		outcomes = await applyRetention(pg.db, store, NOW);
	});

	it('reports what each policy did, in numbers', () => {
		expect(countsOf(outcomes)).toEqual({
			field_photos: { photos: 1, events: 2 },
			gps_positions: { positions: 4 },
			messages: { bodies: 1, recipients: 1 },
			abandoned_bookings: {
				bookingsDeleted: 3,
				bookingsAnonymised: 1,
				customersDeleted: 1,
				customersAnonymised: 1
			}
		});
	});

	it('deletes the photos of jobs over 180 days old, file and row, and marks their events', async () => {
		const photos = await pg.sql`SELECT job_id FROM field_photos ORDER BY job_id`;
		expect(photos.map((p) => p.job_id).sort()).toEqual([job.middle, job.recent].sort());
		expect(await store.has(photoKey.old)).toBe(false);
		expect(await store.has(photoKey.middle)).toBe(true);
		expect(await store.has(photoKey.recent)).toBe(true);
		const marked = await pg.sql`
			SELECT job_id, payload FROM field_events WHERE kind = 'photo' ORDER BY job_id, hlc`;
		for (const e of marked)
			expect(e.payload.removed ?? false, `photo event of ${e.job_id}`).toBe(e.job_id === job.old);
	});

	it('takes the positions out of jobs over 90 days old and leaves every event and status', async () => {
		const events = await pg.sql`SELECT * FROM field_events ORDER BY id`;
		expect(events.length).toBe(before.events.length);
		for (const e of events.filter((e) => e.kind === 'clock_in' || e.kind === 'clock_out'))
			expect('position' in e.payload, `position of ${e.kind} on ${e.job_id}`).toBe(
				e.job_id === job.recent
			);
		// The fold the office and the phones run: the same status and times as before.
		for (const id of [job.old, job.middle, job.recent]) {
			const fold = (rows: typeof events) =>
				jobState(
					id,
					rows
						.filter((r) => r.job_id === id)
						.map((r) =>
							storedEvent({
								id: r.id,
								jobId: r.job_id,
								kind: r.kind,
								payload: r.payload,
								hlc: r.hlc
							})
						)
				);
			const was = fold(before.events);
			const now = fold(events);
			expect(now.status).toBe('done');
			expect(now.clockIn?.at).toEqual(was.clockIn?.at);
			expect(now.clockOut?.at).toEqual(was.clockOut?.at);
			expect(now.notes).toEqual(was.notes);
		}
	});

	it('deletes message bodies and addresses over 180 days old, keeping that they were sent', async () => {
		const outbox = await pg.sql`SELECT to_address FROM outbox_messages`;
		expect(outbox.map((m) => m.to_address)).toEqual(['rita@example.com']);
		const log = await pg.sql`
			SELECT appointment_id, to_address, error, status FROM notification_log ORDER BY created_at`;
		expect(log).toEqual([
			{ appointment_id: job.old, to_address: '', error: null, status: 'sent' },
			{
				appointment_id: job.recent,
				to_address: 'rita@example.com',
				error: 'bounced once for rita@example.com',
				status: 'sent'
			}
		]);
	});

	it('deletes or anonymises abandoned bookings over 30 days old and their guests', async () => {
		const left = new Set((await pg.sql`SELECT id FROM appointments`).map((a) => a.id as string));
		expect(left.has(booking.gone)).toBe(false);
		expect(left.has(booking.returningLost)).toBe(false);
		expect(left.has(booking.account)).toBe(false);
		for (const kept of [booking.declined, booking.fresh, booking.latePaid])
			expect(left.has(kept)).toBe(true);

		const answers = Object.fromEntries(
			(await pg.sql`SELECT appointment_id, custom_fields FROM customer_appointments`).map((r) => [
				r.appointment_id,
				r.custom_fields
			])
		);
		expect(answers[booking.declined]).toEqual({});
		expect(answers[booking.fresh]).toEqual({ door: 'Blue door' });
		expect(answers[booking.latePaid]).toEqual({ door: 'Side gate' });
		expect(await pg.sql`SELECT * FROM appointment_notes`).toEqual([]);

		const people = Object.fromEntries(
			(await pg.sql`SELECT * FROM customers`).map((c) => [c.id, c])
		);
		expect(people[customer.gone]).toBeUndefined();
		expect(people[customer.declined]).toMatchObject({
			name: 'Anonymised customer',
			email: `${customer.declined}@anonymised.invalid`,
			phone: '',
			address_line1: '',
			city: '',
			postcode: '',
			notes: '',
			is_archived: true
		});
		for (const [id, name] of [
			[customer.returning, 'Rosa'],
			[customer.account, 'Ursula'],
			[customer.fresh, 'Fran'],
			[customer.latePayer, 'Lena'],
			[customer.paying, 'Paula']
		])
			expect(people[id]).toMatchObject({ name, postcode: 'E8 1AA', notes: 'Gate code 4321' });
	});

	it('keeps every invoice and payment, whatever its age', async () => {
		expect(await pg.sql`SELECT * FROM payments ORDER BY id`).toEqual(before.payments);
		expect(await pg.sql`SELECT * FROM invoices ORDER BY id`).toEqual(before.invoices);
		expect(before.payments.length).toBe(3);
		expect(before.invoices.length).toBe(1);
	});

	it('writes one audit row per policy that changed something, with counts and no one’s data', async () => {
		const rows = await pg.sql`
			SELECT action, actor_user_id, actor_role, source, details FROM audit_log ORDER BY action`;
		expect(rows.map((r) => r.action)).toEqual([
			'retention.abandoned_bookings',
			'retention.field_photos',
			'retention.gps_positions',
			'retention.messages'
		]);
		for (const r of rows) {
			expect(r).toMatchObject({ actor_user_id: null, actor_role: 'system', source: 'system' });
			expect(JSON.stringify(r.details)).not.toMatch(/@|Gina|Dora|Mare Street|51\.5/);
		}
		expect(rows[2].details).toEqual({
			days: 90,
			before: daysAgo(90).toISOString(),
			positions: 4
		});
	});

	it('changes nothing when run again', async () => {
		const after = await snapshot();
		const again = await applyRetention(pg.db, store, NOW);
		for (const o of again)
			expect(
				Object.values(o.counts ?? {}).every((n) => n === 0),
				o.policy
			).toBe(true);
		expect(await snapshot()).toEqual(after);
	});
});

describe('settings that keep data forever', () => {
	it('purges nothing under a null period, however old the data', async () => {
		await pg.sql`
			UPDATE business_settings SET photo_retention_days = NULL, position_retention_days = NULL,
				message_retention_days = NULL, abandoned_booking_retention_days = NULL`;
		const before = await snapshot();
		const outcomes = await applyRetention(pg.db, store, new Date(NOW.getTime() + 3650 * DAY));
		expect(outcomes.map((o) => o.counts)).toEqual([null, null, null, null]);
		expect(await snapshot()).toEqual(before);
		await pg.sql`
			UPDATE business_settings SET photo_retention_days = 180, position_retention_days = 90,
				message_retention_days = 180, abandoned_booking_retention_days = 30`;
	});

	it('refuses a period outside 1 to 3650 days in the database too', async () => {
		await expect(pg.sql`UPDATE business_settings SET photo_retention_days = 0`).rejects.toThrow(
			/business_settings_retention/
		);
	});
});

describe('privacy__apply_retention', () => {
	it('is on the crontab once a day', () => {
		expect(crontab).toMatch(/^40 3 \* \* \* privacy__apply_retention$/m);
	});

	it('runs through Graphile Worker with the time now', async () => {
		const saved = { db: process.env.DATABASE_URL, files: process.env.FILE_STORE_DIR };
		process.env.DATABASE_URL = pg.url;
		process.env.FILE_STORE_DIR = dir;
		try {
			// Two jobs by the real clock: one ended 100 days ago (past 90), one 10 days ago.
			// Each job's times come from one reading of the clock: read per column, a millisecond
			// passing between them would put blocked_from after start_time.
			const jobs: string[] = [];
			for (const days of [100, 10]) {
				const end = new Date(Date.now() - days * DAY);
				const start = new Date(end.getTime() - 3_600_000);
				const [row] = await pg.sql`
					INSERT INTO appointments (staff_id, service_id, start_time, end_time, blocked_from,
						blocked_until, status)
					VALUES (${staffId}, ${serviceId}, ${iso(start)}, ${iso(end)}, ${iso(start)}, ${iso(end)},
						'completed')
					RETURNING id`;
				jobs.push(row.id);
				await fieldEvent(
					row.id,
					'clock_in',
					{ position: { lat: 51.5, lng: -0.1 } },
					end.getTime(),
					0
				);
			}
			await quickAddJob({ connectionString: pg.url }, 'privacy__apply_retention', {});
			await runOnce({
				connectionString: pg.url,
				taskList,
				logger: quietLogger,
				noHandleSignals: true
			});
			expect(await pg.sql`SELECT last_error FROM graphile_worker._private_jobs`).toEqual([]);
			const withPosition = await pg.sql`
				SELECT job_id FROM field_events WHERE payload ? 'position' AND job_id IN ${pg.sql(jobs)}`;
			expect(withPosition.map((r) => r.job_id)).toEqual([jobs[1]]);
		} finally {
			for (const [name, value] of [
				['DATABASE_URL', saved.db],
				['FILE_STORE_DIR', saved.files]
			] as const)
				if (value === undefined) delete process.env[name];
				else process.env[name] = value;
		}
	});
});
