import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../support/postgres.ts';

// The exclusion constraint of migrations/0001_appointment_overlap.sql: one cleaner, one place at a
// time, padding included; cancelled and expired bookings free the time.

let pg: TestDatabase;
let staffA: string;
let staffB: string;
let service: string;

// The spring-forward Sunday: 09:00 BST is 08:00 UTC. (The drizzle-wrapped client takes ISO strings.)
const at = (hhmm: string) => `2026-03-29T${hhmm}:00+01:00`;
const shift = (iso: string, minutes: number) =>
	new Date(Date.parse(iso) + minutes * 60_000).toISOString();

async function book(staffId: string, from: string, until: string, status = 'confirmed', pad = 0) {
	const start = at(from);
	const end = at(until);
	const [row] = await pg.sql<{ id: string }[]>`
		INSERT INTO appointments (staff_id, service_id, start_time, end_time, blocked_from, blocked_until, status)
		VALUES (${staffId}, ${service}, ${start}, ${end},
			${shift(start, -pad)}, ${shift(end, pad)}, ${status})
		RETURNING id`;
	return row.id;
}

async function sqlState(promise: Promise<unknown>) {
	try {
		await promise;
		return null;
	} catch (error) {
		return (error as { code?: string }).code ?? 'unknown';
	}
}

beforeAll(async () => {
	pg = await startTestDatabase();
	const [category] =
		await pg.sql`INSERT INTO categories (name, slug) VALUES ('Home', 'home') RETURNING id`;
	[{ id: service }] = await pg.sql`
		INSERT INTO services (category_id, name, slug, duration_minutes, price)
		VALUES (${category.id}, 'Regular clean', 'regular', 120, 6000) RETURNING id`;
	[{ id: staffA }, { id: staffB }] = await pg.sql`
		INSERT INTO staff (name, email) VALUES ('Amira', 'a@example.com'), ('Ben', 'b@example.com')
		RETURNING id`;
});

afterAll(() => pg?.stop());

describe('one cleaner can never hold two overlapping appointments', () => {
	it('refuses an overlapping booking for the same cleaner with 23P01', async () => {
		await book(staffA, '09:00', '11:00');
		expect(await sqlState(book(staffA, '10:00', '12:00'))).toBe('23P01');
	});

	it('lets another cleaner take the same time', async () => {
		expect(await sqlState(book(staffB, '09:00', '11:00'))).toBeNull();
	});

	it('allows back-to-back bookings (half-open spans)', async () => {
		expect(await sqlState(book(staffA, '11:00', '12:00'))).toBeNull();
	});

	it('counts padding as busy time', async () => {
		// 13:00–14:00 with 30 min padding blocks 12:30–14:30; a 14:15 start with no padding collides.
		await book(staffA, '13:00', '14:00', 'confirmed', 30);
		expect(await sqlState(book(staffA, '14:15', '15:00'))).toBe('23P01');
		expect(await sqlState(book(staffA, '14:30', '15:00'))).toBeNull();
	});

	it('frees the time of a cancelled or expired booking, but not of a pending one', async () => {
		await book(staffB, '15:00', '16:00', 'cancelled');
		await book(staffB, '15:00', '16:00', 'expired');
		expect(await sqlState(book(staffB, '15:00', '16:00', 'pending'))).toBeNull();
		expect(await sqlState(book(staffB, '15:30', '16:30', 'confirmed'))).toBe('23P01');
	});

	it('refuses to revive a cancelled booking into a taken slot', async () => {
		const id = await book(staffB, '17:00', '18:00', 'cancelled');
		await book(staffB, '17:00', '18:00');
		expect(
			await sqlState(pg.sql`UPDATE appointments SET status = 'confirmed' WHERE id = ${id}`)
		).toBe('23P01');
	});

	it('refuses a busy span that does not cover the appointment', async () => {
		const start = at('19:00');
		const end = at('20:00');
		const insert = pg.sql`
			INSERT INTO appointments (staff_id, service_id, start_time, end_time, blocked_from, blocked_until)
			VALUES (${staffA}, ${service}, ${start}, ${end}, ${start}, ${at('19:30')})`;
		expect(await sqlState(insert)).toBe('23514');
	});
});
