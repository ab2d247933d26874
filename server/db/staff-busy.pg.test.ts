import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../../drizzle/seed/seed.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';

// staff_busy is what the public booking page syncs: the triggers must keep it equal to its sources
// after every kind of write, and it must never say more than when a cleaner is taken.

let pg: TestDatabase;

/** What staff_busy should hold, computed from the sources themselves. */
async function expected() {
	return pg.sql`
		SELECT id, staff_id, 'appointment' AS source, blocked_from, blocked_until FROM appointments
		WHERE status NOT IN ('cancelled', 'expired')
		UNION ALL
		SELECT id, staff_id, 'time_off', starts_at, ends_at FROM staff_time_off WHERE status = 'approved'
		ORDER BY id`;
}
const actual = () =>
	pg.sql`SELECT id, staff_id, source, blocked_from, blocked_until FROM staff_busy ORDER BY id`;

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedIfEmpty(pg.url, new Date(), async (p) => `test-hash:${p}`);
});

afterAll(() => pg?.stop());

describe('staff_busy', () => {
	it('holds every booking that keeps its cleaner and all approved time off, after the seed', async () => {
		const rows = await actual();
		expect(rows.length).toBeGreaterThan(50);
		expect(rows).toEqual(await expected());
	});

	it('follows moves, reassignments, cancellations, expiries and deletions', async () => {
		const [a, b, c] = await pg.sql<{ id: string }[]>`
			SELECT id FROM appointments WHERE status IN ('pending', 'confirmed')
			ORDER BY start_time DESC LIMIT 3`;
		const [other] = await pg.sql`
			SELECT s.id FROM staff s JOIN appointments a ON a.id = ${a.id} WHERE s.id <> a.staff_id LIMIT 1`;
		// Moved a year on (clear of everyone's diary) and handed to another cleaner.
		await pg.sql`UPDATE appointments SET staff_id = ${other.id},
			start_time = start_time + interval '400 days', end_time = end_time + interval '400 days',
			blocked_from = blocked_from + interval '400 days', blocked_until = blocked_until + interval '400 days'
			WHERE id = ${a.id}`;
		await pg.sql`UPDATE appointments SET status = 'cancelled' WHERE id = ${b.id}`;
		await pg.sql`UPDATE appointments SET status = 'expired' WHERE id = ${c.id}`;
		const [d] = await pg.sql`
			INSERT INTO appointments (staff_id, service_id, start_time, end_time, blocked_from, blocked_until, status)
			SELECT staff_id, service_id, start_time + interval '800 days', end_time + interval '800 days',
				blocked_from + interval '800 days', blocked_until + interval '800 days', 'pending'
			FROM appointments WHERE id = ${a.id} RETURNING id`;
		expect((await actual()).map((r) => r.id)).toContain(d.id);
		await pg.sql`DELETE FROM appointments WHERE id = ${d.id}`;
		expect(await actual()).toEqual(await expected());
		// An office correction back to confirmed takes the time again.
		await pg.sql`UPDATE appointments SET status = 'confirmed' WHERE id = ${b.id}`;
		expect((await actual()).map((r) => r.id)).toContain(b.id);
		expect(await actual()).toEqual(await expected());
	});

	it('follows time off as it is approved, changed and withdrawn', async () => {
		const [cleaner] = await pg.sql`SELECT id FROM staff LIMIT 1`;
		const [off] = await pg.sql`
			INSERT INTO staff_time_off (staff_id, starts_at, ends_at, reason, status)
			VALUES (${cleaner.id}, now() + interval '40 days', now() + interval '41 days', 'Dentist', 'requested')
			RETURNING id`;
		expect((await actual()).map((r) => r.id)).not.toContain(off.id);
		await pg.sql`UPDATE staff_time_off SET status = 'approved' WHERE id = ${off.id}`;
		await pg.sql`UPDATE staff_time_off SET ends_at = ends_at + interval '1 day' WHERE id = ${off.id}`;
		expect(await actual()).toEqual(await expected());
		await pg.sql`DELETE FROM staff_time_off WHERE id = ${off.id}`;
		expect(await actual()).toEqual(await expected());
	});

	it('carries no reason, customer or note: only who is taken and when', async () => {
		const columns = await pg.sql`
			SELECT column_name FROM information_schema.columns WHERE table_name = 'staff_busy'
			ORDER BY ordinal_position`;
		expect(columns.map((c) => c.column_name)).toEqual([
			'id',
			'staff_id',
			'source',
			'blocked_from',
			'blocked_until'
		]);
	});
});
