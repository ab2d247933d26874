import { Zero } from '@rocicorp/zero';
import postgres from 'postgres';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { firstFreeSlot } from './slots.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { mutators } from '../../sync/mutators/index.ts';
import { schema } from '../../sync/schema.ts';

// The same race through Zero: two clients (signed out, as a customer booking on the web would be)
// run the shared booking.create mutator for one slot at the same moment.

let sql: postgres.Sql;
let serviceId: string;
const clients: { close(): Promise<void> }[] = [];

beforeAll(async () => {
	sql = postgres(inject('databaseUrl'), { max: 1 });
	[{ id: serviceId }] = await sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
});
afterAll(async () => {
	await Promise.all(clients.map((z) => z.close()));
	await sql?.end();
});

describe('booking.create through two Zero clients', () => {
	it('confirms one and refuses the other with SLOT_TAKEN', async () => {
		const slot = await firstFreeSlot(serviceId, 8);
		const racers = [0, 1].map(
			() =>
				new Zero<typeof schema, undefined, AuthContext | undefined>({
					cacheURL: inject('zeroUrl'),
					schema,
					mutators,
					kvStore: 'mem',
					context: undefined
				})
		);
		clients.push(...racers);
		const results = await Promise.all(
			racers.map(
				(z, i) =>
					z.mutate(
						mutators.booking.create({
							id: uuidv7(),
							serviceId,
							startTime: Date.parse(slot.start_time),
							staffId: slot.staff_ids[0],
							customer: {
								name: `Zero racer ${i}`,
								email: `zero.racer.${i}@example.com`,
								phone: '07700 900222',
								addressLine1: `${i} Albion Road`,
								city: 'London',
								postcode: 'N16 9PD'
							}
						})
					).server
			)
		);
		const outcomes = results.map((r) =>
			r.type === 'success'
				? 'ok'
				: r.error.type === 'app'
					? (r.error.details as { code: string }).code
					: r.error.message
		);
		expect(outcomes.sort()).toEqual(['SLOT_TAKEN', 'ok']);
		const rows = await sql`
			SELECT id FROM appointments WHERE staff_id = ${slot.staff_ids[0]}
			AND start_time = ${slot.start_time}::timestamptz AND status NOT IN ('cancelled', 'expired')`;
		expect(rows).toHaveLength(1);
	});
});
