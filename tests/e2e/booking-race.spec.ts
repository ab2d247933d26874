import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { firstFreeSlot } from './slots.ts';

// The double-booking race over real HTTP: 50 simultaneous POSTs for one cleaner and start.

let sql: postgres.Sql;
let serviceId: string;

beforeAll(async () => {
	sql = postgres(inject('databaseUrl'), { max: 1 });
	[{ id: serviceId }] = await sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
});
afterAll(() => sql?.end());

describe('POST /api/v1/bookings/ under a race', () => {
	it('lets exactly one of 50 simultaneous requests for one slot through; the rest get SLOT_TAKEN', async () => {
		const slot = await firstFreeSlot(serviceId, 6);
		const attempt = (i: number) =>
			fetch(`${inject('appUrl')}/api/v1/bookings/`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					service_id: serviceId,
					start_time: slot.start_time,
					staff_id: slot.staff_ids[0],
					customer: {
						name: `Racer ${i}`,
						email: `racer.${i}.${Date.now()}@example.com`,
						phone: '07700 900111',
						address_line1: `${i} Albion Road`,
						city: 'London',
						postcode: 'N16 9PD'
					}
				})
			});
		const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => attempt(i)));
		const bodies = await Promise.all(responses.map((r) => r.json()));
		expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
		const refused = bodies.filter((b) => !b.success);
		expect(refused).toHaveLength(49);
		for (const body of refused) expect(body.error?.code, JSON.stringify(body)).toBe('SLOT_TAKEN');
		const rows = await sql`
			SELECT id FROM appointments WHERE staff_id = ${slot.staff_ids[0]}
			AND start_time = ${slot.start_time}::timestamptz AND status NOT IN ('cancelled', 'expired')`;
		expect(rows).toHaveLength(1);
	});
});
