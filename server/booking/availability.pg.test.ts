import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../../drizzle/seed/seed.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { readOffering, searchSlots, slotsFrom } from './availability.ts';

// The slot search against the demo company in a real Postgres, checked against the rows themselves.

const NOW = Date.parse('2026-10-21T09:00:00Z');
let pg: TestDatabase;
let DATE: string;
let serviceId: string;

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedIfEmpty(pg.url, new Date(NOW), async (p) => `test-hash:${p}`);
	// A short service, so the demo diary (dense by design) leaves room for it.
	[{ serviceId }] =
		await pg.sql`SELECT id AS "serviceId" FROM services WHERE slug = 'regular-clean-2-hours'`;
	// The first day, from the fall-back Sunday on, with room left in the diary for N16.
	for (let day = 25; day <= 31 && !DATE; day++) {
		const date = `2026-10-${day}`;
		const found = await searchSlots(pg.db, { serviceId, date, postcode: 'N16 9PD', now: NOW });
		if (found.ok && found.slots.length > 0) DATE = date;
	}
	expect(DATE).toBeDefined();
});

afterAll(() => pg?.stop());

const search = (over: Partial<Parameters<typeof searchSlots>[1]> = {}) =>
	searchSlots(pg.db, { serviceId, date: DATE, postcode: 'N16 9PD', now: NOW, ...over });

describe('searchSlots', () => {
	it('offers slots only with cleaners who offer the service, cover the postcode and are free', async () => {
		const result = await search();
		if (!result.ok) throw new Error(result.message);
		expect(result.slots.length).toBeGreaterThan(0);
		const staffIds = [...new Set(result.slots.flatMap((s) => s.staffIds))];
		const offering = await pg.sql<{ staff_id: string }[]>`
			SELECT staff_id FROM staff_services WHERE service_id = ${serviceId}`;
		for (const id of staffIds) expect(offering.map((o) => o.staff_id)).toContain(id);
		const [service] = await pg.sql`SELECT * FROM services WHERE id = ${serviceId}`;
		for (const slot of result.slots) {
			for (const id of slot.staffIds) {
				const from = new Date(slot.start - service.padding_before_minutes * 60_000).toISOString();
				const until = new Date(slot.end + service.padding_after_minutes * 60_000).toISOString();
				const clashes = await pg.sql`
					SELECT id FROM appointments WHERE staff_id = ${id}
					AND status NOT IN ('cancelled', 'expired')
					AND tstzrange(blocked_from, blocked_until) && tstzrange(${from}::timestamptz, ${until}::timestamptz)`;
				expect(clashes).toEqual([]);
			}
		}
	});

	it('stops offering a slot once a booking takes it', async () => {
		const before = await search();
		if (!before.ok) throw new Error(before.message);
		const slot = before.slots[0];
		const staffId = slot.staffIds[0];
		const [service] = await pg.sql`SELECT * FROM services WHERE id = ${serviceId}`;
		await pg.sql`
			INSERT INTO appointments (staff_id, service_id, start_time, end_time, blocked_from, blocked_until, status)
			VALUES (${staffId}, ${serviceId}, ${new Date(slot.start).toISOString()}, ${new Date(slot.end).toISOString()},
				${new Date(slot.start - service.padding_before_minutes * 60_000).toISOString()},
				${new Date(slot.end + service.padding_after_minutes * 60_000).toISOString()}, 'pending')`;
		const after = await search();
		if (!after.ok) throw new Error(after.message);
		const same = after.slots.find((s) => s.start === slot.start && s.end === slot.end);
		expect(same?.staffIds ?? []).not.toContain(staffId);
	});

	it('finds no one for a postcode nobody covers, and says so for unknown or invalid ones', async () => {
		expect(await search({ postcode: 'M1 1AE' })).toMatchObject({
			ok: true,
			slots: [],
			timeZone: 'Europe/London'
		});
		expect(await search({ postcode: 'XX1 1AA' })).toMatchObject({
			ok: false,
			reason: 'UNKNOWN_DISTRICT'
		});
		expect(await search({ postcode: 'hello' })).toMatchObject({
			ok: false,
			reason: 'INVALID',
			field: 'postcode'
		});
	});

	it('refuses an unknown or archived service', async () => {
		const missing = await search({ serviceId: '00000000-0000-4000-8000-000000000000' });
		expect(missing).toMatchObject({ ok: false, reason: 'SERVICE_NOT_FOUND' });
	});

	it('takes approved time off out, for a whole day', async () => {
		const before = await search();
		if (!before.ok) throw new Error(before.message);
		const staffId = before.slots.at(-1)!.staffIds[0];
		await pg.sql`
			INSERT INTO staff_time_off (staff_id, starts_at, ends_at, status)
			VALUES (${staffId}, '2026-10-24T23:00:00Z', '2026-10-26T00:00:00Z', 'approved')`;
		const after = await search();
		if (!after.ok) throw new Error(after.message);
		expect(after.slots.flatMap((s) => s.staffIds)).not.toContain(staffId);
	});

	it('offers nothing inside the minimum notice', async () => {
		const result = await search({ now: Date.parse('2026-10-25T00:00:00Z') });
		expect(result).toMatchObject({ ok: true, slots: [] });
	});

	it('gives the same slots when one cleaner’s day is read with the rest, around an instant', async () => {
		const staffIds = await pg.sql<{ staff_id: string }[]>`
			SELECT DISTINCT staff_id FROM staff_services WHERE service_id = ${serviceId}`;
		// The fall-back Sunday (25 hours) and the day found above, from their first to last minute.
		for (const date of ['2026-10-25', DATE]) {
			const dayStart = Date.parse(`${date}T00:00:00+01:00`);
			for (const { staff_id: staffId } of staffIds) {
				const direct = await search({ date, staffId });
				for (const at of [
					dayStart + 60_000,
					dayStart + 12 * 3_600_000,
					dayStart + 24.9 * 3_600_000
				]) {
					const read = await readOffering(pg.db, { serviceId, staffId, around: at });
					const query = { serviceId, date, postcode: 'N16 9PD', now: NOW, staffId };
					expect(await slotsFrom(pg.db, read, query)).toEqual(direct);
				}
			}
		}
	});
});
