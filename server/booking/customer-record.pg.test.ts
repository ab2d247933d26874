import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { CreateBookingArgs } from '../../sync/mutators/bookings.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { findCustomer } from './customer-record.ts';

// The returning customer's lookup, on every public booking, in a real Postgres.

const POSTCODE = 'N16 9PD';
let pg: TestDatabase;

beforeAll(async () => {
	pg = await startTestDatabase();
	// A busy postcode: 400 customers at it, and the same emails at other postcodes.
	const rows = Array.from({ length: 400 }, (_, i) => [
		{ id: uuidv7(), name: `At ${i}`, email: `c${i}@example.com`, postcode: POSTCODE },
		{ id: uuidv7(), name: `Away ${i}`, email: `c${i}@example.com`, postcode: `E${1 + (i % 9)} 1AA` }
	]).flat();
	await pg.sql`INSERT INTO customers ${pg.sql(rows)}`;
});

afterAll(() => pg?.stop());

const argsFor = (email: string) => ({ customer: { email } }) as CreateBookingArgs;

describe('findCustomer', () => {
	it('finds the customer with the same email at the same postcode, and no one else', async () => {
		const [{ id }] = await pg.sql`
			SELECT id FROM customers WHERE email = 'c7@example.com' AND postcode = ${POSTCODE}`;
		await pg.db.transaction(async (tx) => {
			expect(await findCustomer(tx, argsFor('c7@example.com'), undefined, POSTCODE)).toBe(id);
			expect(await findCustomer(tx, argsFor('new@example.com'), undefined, POSTCODE)).toBe(
				undefined
			);
			expect(await findCustomer(tx, argsFor('c7@example.com'), undefined, 'W1A 1AA')).toBe(
				undefined
			);
		});
	});

	it('reads one index entry on email and postcode, not everyone at the postcode', async () => {
		await pg.db.transaction(async (tx) => {
			// This backend's counts of the index's scans and of the entries they returned (pending
			// ones included, so the difference across the lookups is theirs).
			const counts = async () => {
				const [row] = await tx.execute<{ scans: string; entries: string }>(`
					SELECT pg_stat_get_xact_numscans('idx_customers_email_postcode'::regclass) AS scans,
						pg_stat_get_xact_tuples_returned('idx_customers_email_postcode'::regclass) AS entries`);
				return { scans: Number(row.scans), entries: Number(row.entries) };
			};
			const before = await counts();
			// Past the fifth run a prepared statement may take the generic plan: both are covered.
			for (let i = 0; i < 10; i++)
				await findCustomer(tx, argsFor(`c${i}@example.com`), undefined, POSTCODE);
			const after = await counts();
			expect({
				scans: after.scans - before.scans,
				entries: after.entries - before.entries
			}).toEqual({ scans: 10, entries: 10 });
		});
	});
});
