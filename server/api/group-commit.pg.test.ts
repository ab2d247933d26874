import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import { searchSlots } from '../booking/availability.ts';
import { closeDatabase } from '../db/client.ts';
import { metrics } from '../observe/app-metrics.ts';
import { withTrace } from '../observe/context.ts';
import { apiCreateBooking } from './booking-create.ts';

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

function post(i: number, body: Record<string, unknown>) {
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
	return withTrace({ requestId: `grouped-request-${i}` }, () =>
		apiCreateBooking(request, undefined)
	);
}

const created = async () => (await metrics.bookingsCreated.get()).values[0]?.value ?? 0;

describe('bookings committed together', () => {
	it('answers, counts and traces each request as its own, and a refusal undoes only its own', async () => {
		// Each cleaner's first slot on each of three days: none conflicts with another.
		const picks: { staffId: string; start: number }[] = [];
		for (const day of [date, addDays(date, 1), addDays(date, 2)]) {
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
		expect(picks.length).toBeGreaterThan(3);
		const book = (pick: (typeof picks)[number]) => ({
			service_id: serviceId,
			start_time: new Date(pick.start).toISOString(),
			staff_id: pick.staffId
		});
		const countedBefore = await created();

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
			SELECT a.id, a.created_at::text AS began, c.email, j.payload->>'requestId' AS request
			FROM appointments a
			JOIN customer_appointments ca ON ca.appointment_id = a.id
			JOIN customers c ON c.id = ca.customer_id
			JOIN graphile_worker._private_jobs j ON j.key = 'hold:' || a.id
			WHERE a.id IN ${pg.sql(ids)}`;
		expect(rows).toHaveLength(picks.length);
		// Fewer transactions than bookings (now(), the default of created_at, is the time the
		// transaction began): they were committed together.
		expect(new Set(rows.map((r) => r.began)).size).toBeLessThan(picks.length);
		// Each booking's customer and hold job are its own request's.
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
});
