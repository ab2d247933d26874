import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import { searchSlots } from '../booking/availability.ts';
import { closeDatabase } from '../db/client.ts';
import { metrics } from '../observe/app-metrics.ts';
import { withTrace } from '../observe/context.ts';
import { apiCreateBooking } from './booking-create.ts';
import { eq } from 'drizzle-orm';
import { users } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { authContextFor } from '../auth/context.ts';

// Bookings through POST /api/v1/bookings/ arriving together share a transaction (group-commit.ts):
// each must still be answered, counted and traced as its own, in a real Postgres.

let pg: TestDatabase;
let serviceId: string;
let date: string;

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedQuietDiary(pg.url);
	process.env.DATABASE_URL = pg.url;
	[{ id: serviceId }] = await pg.sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
	date = addDays(localDate(Date.now(), 'Europe/London'), 9);
});

afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
});

function post(i: number, body: Record<string, unknown>, ctx?: AuthContext) {
	const customer = {
		name: `Grouped Customer ${i}`,
		email: `grouped.${i}@example.com`,
		phone: '07700 900456',
		address_line1: `${i} Albion Road`,
		city: 'London',
		postcode: 'N16 9PD'
	};
	const request = new Request('http://test/api/v1/bookings/', {
		method: 'POST',
		body: JSON.stringify({ customer, ...body })
	});
	return withTrace({ requestId: `grouped-request-${i}` }, () => apiCreateBooking(request, ctx));
}

/** Each cleaner's first free slot on each of three days from `from`: none conflicts with another. */
async function freePicks(from: string) {
	const picks: { staffId: string; start: number }[] = [];
	for (const day of [from, addDays(from, 1), addDays(from, 2)]) {
		const found = await searchSlots(pg.db, {
			serviceId,
			date: day,
			postcode: 'N16 9PD',
			now: Date.now()
		});
		if (!found.ok) throw new Error(found.message);
		const firstOf = new Map<string, number>();
		for (const slot of found.slots)
			for (const id of slot.staffIds) if (!firstOf.has(id)) firstOf.set(id, slot.start);
		picks.push(...[...firstOf].map(([staffId, start]) => ({ staffId, start })));
	}
	return picks;
}

const book = (pick: { staffId: string; start: number }) => ({
	service_id: serviceId,
	start_time: new Date(pick.start).toISOString(),
	staff_id: pick.staffId
});

/**
 * Sends requests whose first one's transaction waits, here, on its cleaner's lock until the others
 * are queued behind it: they then go together in the next transaction.
 */
async function queuedBehind<T>(staffId: string, send: () => Promise<T>): Promise<T> {
	const holder = await pg.sql.reserve();
	const lock = `valclean:staff:${staffId}`;
	await holder`SELECT pg_advisory_lock(hashtext(${lock}))`;
	const sent = send();
	await expect
		.poll(async () => (await pg.sql`SELECT 1 FROM pg_locks WHERE NOT granted`).length)
		.toBe(1);
	await new Promise((resolve) => setTimeout(resolve, 200));
	await holder`SELECT pg_advisory_unlock(hashtext(${lock}))`;
	holder.release();
	return sent;
}

const created = async () => (await metrics.bookingsCreated.get()).values[0]?.value ?? 0;

describe('bookings committed together', () => {
	it('answers, counts and traces each request as its own, and a refusal undoes only its own', async () => {
		const picks = await freePicks(date);
		expect(picks.length).toBeGreaterThan(3);
		const countedBefore = await created();
		// What a trigger on the booking's writes sees as the request (jobs queued by triggers carry
		// it: migration 0032), kept per appointment.
		await pg.sql.unsafe(`
			CREATE TABLE request_seen (appointment_id uuid, request_id text);
			CREATE FUNCTION note_request() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				INSERT INTO request_seen VALUES (NEW.id, current_setting('valclean.request_id', true));
				RETURN NEW;
			END $$;
			CREATE TRIGGER note_request AFTER INSERT ON appointments
				FOR EACH ROW EXECUTE FUNCTION note_request();`);

		const responses = await Promise.all([
			...picks.map((pick, i) => post(i, book(pick))),
			post(10, book(picks[0])), // the first pick's slot again: taken by then
			post(11, { ...book(picks[1]), service_id: '01900000-0000-7000-8000-000000000000' })
		]);

		const bodies = await Promise.all(responses.map((r) => r.json()));
		expect(responses.map((r) => r.status)).toEqual([...picks.map(() => 201), 409, 404]);
		expect(bodies.at(-2).error.code).toBe('SLOT_TAKEN');
		expect(bodies.at(-1).error.code).toBe('SERVICE_NOT_FOUND');
		// Each answer is its own booking, at the time it asked for.
		const ids = bodies.slice(0, picks.length).map((b) => b.data.id);
		expect(new Set(ids).size).toBe(picks.length);
		bodies.slice(0, picks.length).forEach((b, i) => {
			expect(Date.parse(b.data.start_time)).toBe(picks[i].start);
			expect(b.data.staff_id).toBe(picks[i].staffId);
		});

		const rows = await pg.sql`
			SELECT a.id, a.created_at::text AS began, c.email, r.request_id AS request
			FROM appointments a
			JOIN customer_appointments ca ON ca.appointment_id = a.id
			JOIN customers c ON c.id = ca.customer_id
			JOIN request_seen r ON r.appointment_id = a.id
			WHERE a.id IN ${pg.sql(ids)}`;
		await pg.sql.unsafe(`DROP TRIGGER note_request ON appointments;
			DROP FUNCTION note_request(); DROP TABLE request_seen;`);
		expect(rows).toHaveLength(picks.length);
		// Fewer transactions than bookings (now(), the default of created_at, is the time the
		// transaction began): they were committed together.
		expect(new Set(rows.map((r) => r.began)).size).toBeLessThan(picks.length);
		// Each booking's customer and request id are its own request's.
		for (const row of rows) {
			const i = ids.indexOf(row.id);
			expect(row.email).toBe(`grouped.${i}@example.com`);
			expect(row.request).toBe(`grouped-request-${i}`);
		}
		expect(
			await pg.sql`SELECT 1 FROM customers WHERE email IN ('grouped.10@example.com', 'grouped.11@example.com')`
		).toEqual([]);
		// Counted once committed, and only what was committed.
		expect((await created()) - countedBefore).toBe(picks.length);
	});

	it('refuses an attempt on a slot it has just booked at once, not behind a running transaction', async () => {
		const [won, other] = (await freePicks(addDays(date, 8))).slice(0, 2);
		expect((await post(30, book(won))).status).toBe(201);
		// A transaction is running, waiting for `other`'s cleaner, held here.
		const holder = await pg.sql.reserve();
		const lock = `valclean:staff:${other.staffId}`;
		await holder`SELECT pg_advisory_lock(hashtext(${lock}))`;
		let otherAnswered = false;
		const waiting = post(31, book(other)).then((r) => ((otherAnswered = true), r));
		await expect
			.poll(async () => (await pg.sql`SELECT 1 FROM pg_locks WHERE NOT granted`).length)
			.toBe(1);
		try {
			const gaveUp = new Promise<null>((resolve) => setTimeout(() => resolve(null), 2_000));
			const late = await Promise.race([post(32, book(won)), gaveUp]);
			if (!late) throw new Error('not answered while a transaction was running');
			expect(late.status).toBe(409);
			expect((await late.json()).error.code).toBe('SLOT_TAKEN');
			expect(otherAnswered).toBe(false);
		} finally {
			await holder`SELECT pg_advisory_unlock(hashtext(${lock}))`;
			holder.release();
		}
		expect((await waiting).status).toBe(201);
	});

	it('runs a group one by one again when a request in it met a database error: each written once, that one refused', async () => {
		// A database error no refusal explains, for one customer only; the sequence (not rolled
		// back with the error) counts the attempts.
		await pg.sql.unsafe(`
			CREATE SEQUENCE failing_customer_attempts;
			CREATE FUNCTION fail_one_customer() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				IF NEW.email = 'grouped.22@example.com' THEN
					PERFORM nextval('failing_customer_attempts');
					RAISE EXCEPTION 'this customer cannot be written';
				END IF;
				RETURN NEW;
			END $$;
			CREATE TRIGGER fail_one_customer BEFORE INSERT ON customers
				FOR EACH ROW EXECUTE FUNCTION fail_one_customer();`);
		try {
			const picks = (await freePicks(addDays(date, 4))).slice(0, 4);
			expect(picks).toHaveLength(4);
			// The first request's transaction waits for its cleaner, held here, until the other
			// three are queued behind it: they then go together.
			const results = await queuedBehind(picks[0].staffId, () =>
				Promise.allSettled(picks.map((pick, i) => post(20 + i, book(pick))))
			);

			// The third, tried with the others and then alone, is still an error (a 500 from the
			// handler); the others of its group, run again on their own, are written once each.
			expect(results[2].status).toBe('rejected');
			const [{ last_value }] = await pg.sql`SELECT last_value FROM failing_customer_attempts`;
			expect(Number(last_value)).toBe(2);
			const kept = [0, 1, 3].map((i) => results[i]);
			expect(kept.map((r) => (r.status === 'fulfilled' ? r.value.status : 0))).toEqual([
				201, 201, 201
			]);
			const written = await pg.sql`
				SELECT c.email FROM customers c
				JOIN customer_appointments ca ON ca.customer_id = c.id
				JOIN appointments a ON a.id = ca.appointment_id
				WHERE c.email LIKE 'grouped.2_@example.com' ORDER BY c.email`;
			expect(written.map((r) => r.email)).toEqual([
				'grouped.20@example.com',
				'grouped.21@example.com',
				'grouped.23@example.com'
			]);
		} finally {
			await pg.sql.unsafe(`DROP TRIGGER fail_one_customer ON customers;
				DROP FUNCTION fail_one_customer(); DROP SEQUENCE failing_customer_attempts;`);
		}
	});

	it('keeps an office booking’s audit row when the request after it in the transaction is refused', async () => {
		// An office user's booking writes its audit row after its own statements, so the request
		// after it must not start before that row is sent (last-statement.ts): a refusal of the
		// next request would otherwise roll the row back with its own savepoint.
		const [admin] = await pg.db.select().from(users).where(eq(users.email, 'admin@valclean.test'));
		const office = await authContextFor(pg.db, admin);
		const picks = (await freePicks(addDays(date, 8))).slice(0, 3);
		expect(picks).toHaveLength(3);
		// The office booking and the refused one sort in that order (by cleaner) in one group,
		// queued behind a first request held on its cleaner's lock.
		const [held, first, second] = [
			picks[0],
			...picks.slice(1).sort((a, b) => (a.staffId < b.staffId ? -1 : 1))
		];
		const responses = await queuedBehind(held.staffId, () =>
			Promise.all([
				post(40, book(held)),
				post(41, book(first), office),
				post(42, { ...book(second), service_id: '01900000-0000-7000-8000-000000000000' })
			])
		);
		expect(responses.map((r) => r.status)).toEqual([201, 201, 404]);
		const booked = (await responses[1].json()).data;
		const audit = await pg.sql`
			SELECT action, source FROM audit_log WHERE entity_id = ${booked.id}`;
		expect(audit).toEqual([{ action: 'booking.create', source: 'api' }]);
	});
});
