import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { runOnce } from 'graphile-worker';
import postgres from 'postgres';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import * as schema from '../../drizzle/schema.ts';
import { createBookingArgs } from '../../sync/mutators/bookings.ts';
import { apiCreateBooking, bookingView } from '../api/booking-create.ts';
import { closeDatabase } from '../db/client.ts';
import { quietLogger } from '../worker/logger.ts';
import { crontab, taskList } from '../worker/tasks.ts';
import { searchSlots } from './availability.ts';
import { createBookingOnServer } from './create.ts';
import { trackCommit } from '../observe/after-commit.ts';
import { listenForLastStatement } from '../db/last-statement.ts';

// POST /api/v1/bookings/ through its handler (the server mutator underneath), against the demo
// company in a real Postgres.

let pg: TestDatabase;
let serviceId: string;
let date: string;

const customer = {
	name: 'Ruth Okoye',
	email: 'Ruth.Okoye@example.com',
	phone: '07700 900456',
	address_line1: '3 Albion Road',
	city: 'London',
	postcode: 'n16 9pd'
};

function post(body: unknown) {
	return apiCreateBooking(
		new Request('http://test/api/v1/bookings/', { method: 'POST', body: JSON.stringify(body) }),
		undefined
	);
}

async function freeSlots(on = date, service = serviceId) {
	const found = await searchSlots(pg.db, {
		serviceId: service,
		date: on,
		postcode: 'N16 9PD',
		now: Date.now()
	});
	if (!found.ok) throw new Error(found.message);
	return found.slots;
}

type Slot = Awaited<ReturnType<typeof freeSlots>>[number];

/** The first slot `fits` takes on `from` or the fortnight after: some services are not offered every weekday. */
async function firstFreeSlot(from: string, service = serviceId, fits = (_: Slot) => true) {
	for (let i = 0; i < 14; i++) {
		const day = addDays(from, i);
		const slot = (await freeSlots(day, service)).find(fits);
		if (slot) return { day, slot };
	}
	throw new Error(`no free slot in the fortnight from ${from}`);
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The server mutator's arguments for `customer`, under another email, booking the slot's first cleaner. */
function serverArgs(slot: { start: number; staffIds: string[] }, email: string) {
	return createBookingArgs.parse({
		id: uuidv7(),
		serviceId,
		startTime: slot.start,
		staffId: slot.staffIds[0],
		customer: {
			name: customer.name,
			email,
			phone: customer.phone,
			addressLine1: customer.address_line1,
			city: customer.city,
			postcode: customer.postcode
		}
	});
}
const counts = async () =>
	(
		await pg.sql`SELECT (SELECT count(*) FROM appointments)::int AS a,
			(SELECT count(*) FROM customer_appointments)::int AS b, (SELECT count(*) FROM customers)::int AS c`
	)[0];

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedQuietDiary(pg.url);
	process.env.DATABASE_URL = pg.url;
	[{ id: serviceId }] = await pg.sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
	// A week ahead, where the demo diary leaves room.
	date = addDays(localDate(Date.now(), 'Europe/London'), 7);
});

afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
});

describe('POST /api/v1/bookings/', () => {
	it('books a free slot as pending, prices it on the server and holds it for the hold time', async () => {
		const [slot] = await freeSlots();
		const response = await post({
			service_id: serviceId,
			start_time: iso(slot.start),
			staff_id: slot.staffIds[0],
			customer,
			notes: 'Key in the key safe, code 4821'
		});
		expect(response.status).toBe(201);
		const { data } = await response.json();
		expect(data).toMatchObject({ status: 'pending', staff_id: slot.staffIds[0], currency: 'GBP' });
		expect(Date.parse(data.start_time)).toBe(slot.start);
		const [row] = await pg.sql`
			SELECT a.*, ca.total_price, ca.custom_fields, c.email, c.phone, c.postcode
			FROM appointments a JOIN customer_appointments ca ON ca.appointment_id = a.id
			JOIN customers c ON c.id = ca.customer_id WHERE a.id = ${data.id}`;
		const [service] = await pg.sql`SELECT * FROM services WHERE id = ${serviceId}`;
		const [offer] = await pg.sql`
			SELECT * FROM staff_services WHERE staff_id = ${slot.staffIds[0]} AND service_id = ${serviceId}`;
		expect(row.total_price).toBe(offer.price_override ?? service.price);
		expect(data.total_price).toBe(row.total_price);
		expect(Date.parse(row.blocked_from)).toBe(slot.start - service.padding_before_minutes * 60_000);
		expect(row).toMatchObject({
			email: 'ruth.okoye@example.com',
			phone: '+447700900456',
			postcode: 'N16 9PD'
		});
		expect(row.custom_fields).toEqual({ accessNotes: 'Key in the key safe, code 4821' });
		// Held unpaid for the settings' hold minutes from when it was made.
		const [{ hold_minutes }] = await pg.sql`SELECT hold_minutes FROM business_settings`;
		const held = Date.parse(row.hold_expires_at) - Date.parse(row.created_at);
		expect(Math.abs(held - hold_minutes * 60_000)).toBeLessThan(5_000);
	});

	it('refuses the same cleaner at the same time with 409 SLOT_TAKEN, writing nothing', async () => {
		const taken =
			await pg.sql`SELECT staff_id, start_time FROM appointments WHERE status = 'pending' LIMIT 1`;
		const before = await counts();
		const response = await post({
			service_id: serviceId,
			start_time: iso(Date.parse(taken[0].start_time)),
			staff_id: taken[0].staff_id,
			customer: { ...customer, email: 'someone.else@example.com' }
		});
		expect(response.status).toBe(409);
		expect((await response.json()).error.code).toBe('SLOT_TAKEN');
		expect(await counts()).toEqual(before);
	});

	it('gives "any cleaner" to the one whose day gains least travel, then the least booked that day', async () => {
		// The first slot, from a week ahead, that more than one cleaner could take.
		const { day, slot } = await firstFreeSlot(date, serviceId, (s) => s.staffIds.length > 1);
		const busy = await pg.sql<{ staff_id: string; n: number }[]>`
			SELECT staff_id, count(*)::int AS n FROM appointments
			WHERE status NOT IN ('cancelled', 'expired') AND (start_time AT TIME ZONE 'Europe/London')::date = ${day}
			GROUP BY staff_id`;
		const load = (id: string) => busy.find((b) => b.staff_id === id)?.n ?? 0;
		// Demo cleaners have homes and jobs around, so travel usually decides before the count.
		const travel = (id: string) => slot.addedTravel?.[id] ?? 0;
		const expected = [...slot.staffIds].sort(
			(a, b) => travel(a) - travel(b) || load(a) - load(b) || (a < b ? -1 : 1)
		)[0];
		const response = await post({ service_id: serviceId, start_time: iso(slot.start), customer });
		expect(response.status).toBe(201);
		expect((await response.json()).data.staff_id).toBe(expected);
	});

	it('names each bad field with 422, and writes nothing', async () => {
		const before = await counts();
		const response = await post({
			service_id: 'not-a-uuid',
			start_time: '2026-12-01 10:00',
			customer: { ...customer, email: 'nope', phone: '12', postcode: 'N16' },
			colour: 'blue'
		});
		expect(response.status).toBe(422);
		const { error } = await response.json();
		expect(error.code).toBe('VALIDATION_ERROR');
		expect(Object.keys(error.details)).toContain('body');
		const bad = await post({ service_id: 'not-a-uuid', start_time: '2026-12-01 10:00', customer });
		expect(Object.keys((await bad.json()).error.details)).toEqual(['start_time']);
		const fields = await post({
			service_id: 'not-a-uuid',
			start_time: '2026-12-01T10:00:00Z',
			customer: { ...customer, email: 'nope', phone: '12', postcode: 'N16' }
		});
		expect(Object.keys((await fields.json()).error.details).sort()).toEqual([
			'customer.email',
			'customer.phone',
			'customer.postcode',
			'service_id'
		]);
		expect(await counts()).toEqual(before);
	});

	it('lets exactly one of 50 concurrent requests for one cleaner and slot through', async () => {
		const [slot] = await freeSlots();
		const before = await counts();
		const responses = await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				post({
					service_id: serviceId,
					start_time: iso(slot.start),
					staff_id: slot.staffIds[0],
					customer: { ...customer, email: `racer${i}@example.com` }
				})
			)
		);
		const statuses = responses.map((r) => r.status).sort();
		expect(statuses.filter((s) => s === 201)).toHaveLength(1);
		expect(statuses.filter((s) => s === 409)).toHaveLength(49);
		const rows = await pg.sql`
			SELECT id FROM appointments WHERE staff_id = ${slot.staffIds[0]} AND start_time = ${iso(slot.start)}
			AND status NOT IN ('cancelled', 'expired')`;
		expect(rows).toHaveLength(1);
		const after = await counts();
		expect([after.a - before.a, after.b - before.b, after.c - before.c]).toEqual([1, 1, 1]);
	});

	it('releases the holds that ran out through the worker’s sweep, and no others', async () => {
		const [due, notYet] = await pg.sql`
			SELECT id FROM appointments WHERE status = 'pending' AND hold_expires_at IS NOT NULL LIMIT 2`;
		await pg.sql`UPDATE appointments SET hold_expires_at = now() - interval '1 second' WHERE id = ${due.id}`;
		const unheld = () =>
			pg.sql`SELECT id FROM appointments WHERE status = 'pending' AND hold_expires_at IS NULL`;
		const awaitingOffice = await unheld();
		// The sweep runs every minute from the crontab; here it is queued once by hand.
		await pg.sql`SELECT graphile_worker.add_job('booking__expire_holds', '{}'::json)`;
		await runOnce({
			connectionString: pg.url,
			taskList,
			logger: quietLogger,
			noHandleSignals: true
		});
		const statusOf = async (id: string) =>
			(await pg.sql`SELECT status FROM appointments WHERE id = ${id}`)[0].status;
		expect([await statusOf(due.id), await statusOf(notYet.id)]).toEqual(['expired', 'pending']);
		expect(await unheld()).toEqual(awaitingOffice);
		expect(crontab).toMatch(/^\* \* \* \* \* booking__expire_holds$/m);
	});

	it('books a weekly clean as a series with the same cleaner, local time and discount', async () => {
		const first = addDays(localDate(Date.now(), 'Europe/London'), 30);
		const [slot] = await freeSlots(first);
		const response = await post({
			service_id: serviceId,
			start_time: iso(slot.start),
			staff_id: slot.staffIds[0],
			customer,
			recurrence: { frequency: 'weekly', count: 4 }
		});
		expect(response.status).toBe(201);
		const { data } = await response.json();
		expect(data.occurrences).toHaveLength(4);
		const local = (t: string) => t.slice(11, 19); // the wall-clock time of an ISO string
		for (const o of data.occurrences) expect(local(o.start_time)).toBe(local(data.start_time));
		const rows = await pg.sql`
			SELECT a.staff_id, ca.total_price FROM appointments a
			JOIN customer_appointments ca ON ca.appointment_id = a.id WHERE a.series_id = ${data.id}`;
		expect(new Set(rows.map((r) => r.staff_id))).toEqual(new Set([slot.staffIds[0]]));
		const [service] = await pg.sql`SELECT price FROM services WHERE id = ${serviceId}`;
		const [offer] = await pg.sql`
			SELECT price_override FROM staff_services WHERE staff_id = ${slot.staffIds[0]} AND service_id = ${serviceId}`;
		const base = offer.price_override ?? service.price;
		const weekly = Math.round(base * 0.85); // the default 15 % weekly discount
		for (const row of rows) expect(row.total_price).toBe(weekly);
	});

	it('says exactly which dates of a series are taken, and books none of them', async () => {
		const first = addDays(localDate(Date.now(), 'Europe/London'), 31);
		const [slot] = await freeSlots(first);
		const staffId = slot.staffIds[0];
		// Someone else takes the same cleaner at the same time two weeks later.
		const blocker = await post({
			service_id: serviceId,
			start_time: iso(slot.start + 14 * 86_400_000),
			staff_id: staffId,
			customer: { ...customer, email: 'early.bird@example.com' }
		});
		expect(blocker.status).toBe(201);
		const before = await counts();
		const response = await post({
			service_id: serviceId,
			start_time: iso(slot.start),
			staff_id: staffId,
			customer,
			recurrence: { frequency: 'weekly', count: 3 }
		});
		expect(response.status).toBe(409);
		const { error } = await response.json();
		expect(error.code).toBe('OCCURRENCES_UNAVAILABLE');
		expect(error.details.unavailable.map((u: { date: string }) => u.date)).toEqual([
			addDays(first, 14)
		]);
		expect(error.message).toMatch(/not available/);
		expect(await counts()).toEqual(before);
	});

	it('books a group service for up to its capacity, priced per person, and refuses more', async () => {
		const [office] = await pg.sql`SELECT * FROM services WHERE slug = 'office-clean-team'`;
		expect(office.capacity).toBe(3);
		// Its team works weekdays only.
		const { slot } = await firstFreeSlot(addDays(date, 2), office.id);
		const team = { service_id: office.id, start_time: iso(slot.start), staff_id: slot.staffIds[0] };
		const before = await counts();
		const tooMany = await post({ ...team, persons: 4, customer });
		expect(tooMany.status).toBe(422);
		const { error } = await tooMany.json();
		expect(error.code).toBe('VALIDATION_ERROR');
		expect(error.details.persons).toEqual([
			'Office clean, team of up to 3 is booked for up to 3 persons: choose 1 to 3'
		]);
		expect(await counts()).toEqual(before);

		const response = await post({ ...team, persons: 3, customer });
		expect(response.status).toBe(201);
		const { data } = await response.json();
		const [offer] = await pg.sql`
			SELECT price_override FROM staff_services WHERE staff_id = ${team.staff_id} AND service_id = ${office.id}`;
		expect(data.total_price).toBe(3 * (offer.price_override ?? office.price));
		const [row] =
			await pg.sql`SELECT number_of_persons FROM customer_appointments WHERE appointment_id = ${data.id}`;
		expect(row.number_of_persons).toBe(3);
	});

	it('refuses a second person on an ordinary clean, naming the field', async () => {
		const [slot] = await freeSlots(addDays(date, 3));
		const response = await post({
			service_id: serviceId,
			start_time: iso(slot.start),
			persons: 2,
			customer
		});
		expect(response.status).toBe(422);
		expect((await response.json()).error.details.persons).toEqual([
			'Regular clean, 2 hours is booked for one person: choose 1'
		]);
	});

	it('keeps answers to the service’s own questions, and names a missing or invalid one', async () => {
		const questions = JSON.stringify([
			{
				key: 'parking',
				label: 'Parking',
				type: 'choice',
				required: true,
				options: ['Driveway', 'Street']
			},
			{ key: 'pets', label: 'Pets', type: 'text', required: false }
		]);
		await pg.sql`UPDATE services SET booking_fields = ${questions}::jsonb WHERE id = ${serviceId}`;
		try {
			const [slot] = await freeSlots(addDays(date, 4));
			const body = { service_id: serviceId, start_time: iso(slot.start), customer };
			const before = await counts();
			const missing = await post(body);
			expect(missing.status).toBe(422);
			expect((await missing.json()).error.details).toEqual({
				'custom_fields.parking': ['Answer “Parking”']
			});
			const wrong = await post({ ...body, custom_fields: { parking: 'Moat', colour: 'red' } });
			expect(Object.keys((await wrong.json()).error.details).sort()).toEqual([
				'custom_fields.colour',
				'custom_fields.parking'
			]);
			expect(await counts()).toEqual(before);

			const ok = await post({
				...body,
				notes: 'Side gate',
				custom_fields: { parking: 'Street', pets: ' ' }
			});
			expect(ok.status).toBe(201);
			const [row] = await pg.sql`
				SELECT custom_fields FROM customer_appointments WHERE appointment_id = ${(await ok.json()).data.id}`;
			expect(row.custom_fields).toEqual({ parking: 'Street', accessNotes: 'Side gate' });
		} finally {
			await pg.sql`UPDATE services SET booking_fields = '[]' WHERE id = ${serviceId}`;
		}
	});

	it('answers with the booking exactly as it reads back once committed', async () => {
		const [one] = await freeSlots(addDays(date, 5));
		const single = await post({
			service_id: serviceId,
			start_time: iso(one.start),
			staff_id: one.staffIds[0],
			customer
		});
		expect(single.status).toBe(201);
		const made = (await single.json()).data;
		expect(made).toEqual(await bookingView(made.id));

		const [first] = await freeSlots(addDays(localDate(Date.now(), 'Europe/London'), 36));
		const series = await post({
			service_id: serviceId,
			start_time: iso(first.start),
			staff_id: first.staffIds[0],
			customer,
			recurrence: { frequency: 'weekly', count: 2 }
		});
		expect(series.status).toBe(201);
		const data = (await series.json()).data;
		expect(data.occurrences).toHaveLength(2);
		expect(data).toEqual(await bookingView(data.id));
	});

	it('sends the cleaner’s lock first, every read of their day behind it, then every write, and says when it has sent its last', async () => {
		// The statements as postgres.js sends them, in order (its debug hook runs at send time).
		const sent: string[] = [];
		const client = postgres(pg.url, {
			max: 1,
			onnotice: () => {},
			debug: (_connection, query) => sent.push(query)
		});
		const db = drizzle(client, { schema });
		try {
			const [slot] = await freeSlots(addDays(date, 6));
			const args = serverArgs(slot, 'first.time@example.com');
			// A statement sent the moment it says so (as a shared transaction sends the next
			// request's) must run behind all of its own.
			await db.transaction(async (tx) => {
				let next: Promise<unknown> | undefined;
				const sendNext = () => (next = tx.execute(sql`SELECT 'next request'`).execute());
				await listenForLastStatement(sendNext, () =>
					createBookingOnServer(tx, args, undefined, Date.now())
				);
				await next;
			});
			const kinds = sent.map((q) =>
				q.trim() === 'begin'
					? 'begin'
					: /next request/.test(q)
						? 'next'
						: /pg_advisory_xact_lock/.test(q)
							? 'lock'
							: /from "staff_busy"/.test(q)
								? 'busy'
								: /from "staff_schedules"/.test(q)
									? 'hours'
									: /^insert into "appointments"/.test(q)
										? 'appointment'
										: /^insert into "customers"/.test(q)
											? 'customer'
											: /^insert into "customer_appointments"/.test(q)
												? 'booking'
												: q === 'commit'
													? 'commit'
													: 'read'
			);
			// What the travel recheck uses of the cleaner's day (busy spans with places, hours, home
			// in the offering's read) is read once the lock is held; nothing is read twice, and the
			// writes follow in one round trip.
			expect(kinds.slice(kinds.indexOf('begin') + 1)).toEqual([
				'lock',
				'read',
				'read',
				'read',
				'hours',
				'busy',
				'read',
				'appointment',
				'customer',
				'booking',
				'next',
				'commit'
			]);
			const [row] = await pg.sql`SELECT status FROM appointments WHERE id = ${args.id}`;
			expect(row.status).toBe('pending');
		} finally {
			await client.end();
		}
	});

	it('refuses a second attempt on a slot it has just booked before sending a statement', async () => {
		const sent: string[] = [];
		const client = postgres(pg.url, { max: 1, debug: (_c, query) => sent.push(query.trim()) });
		const db = drizzle(client, { schema });
		try {
			const [slot] = await freeSlots(addDays(date, 7));
			// Tracked like the server's own transactions, so that what it noted after commit is kept.
			const book = (email: string) =>
				trackCommit(() =>
					db.transaction((tx) =>
						createBookingOnServer(tx, serverArgs(slot, email), undefined, Date.now())
					)
				);
			await book('won@example.com');
			sent.length = 0;
			await expect(book('lost@example.com')).rejects.toMatchObject({
				message: expect.stringMatching(/just booked/),
				details: { code: 'SLOT_TAKEN' }
			});
			expect(sent).toEqual(['begin', 'rollback']);
		} finally {
			await client.end();
		}
	});
});
