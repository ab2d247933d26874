import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../../drizzle/seed/seed.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { register } from '../auth/accounts.ts';
import { claimBookings } from './claim.ts';
import { deleteAccount } from './delete.ts';
import { exportAccountData } from './export.ts';
import { saveProfile } from './profile.ts';

// The customer's account against the demo company in a real Postgres: taking over guest bookings
// from a confirmation link, the data export, saving the address, and deleting the account.

let pg: TestDatabase;
const NOW = Date.now();

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedIfEmpty(pg.url, new Date(NOW), async (p) => `test-hash:${p}`);
});

afterAll(() => pg?.stop());

/** A guest customer (no account) with bookings, and one of their booking links. */
async function guest() {
	const [row] = await pg.sql`
		SELECT c.id, c.email, c.name, ca.appointment_id, ca.cancellation_token
		FROM customers c JOIN customer_appointments ca ON ca.customer_id = c.id
		WHERE c.user_id IS NULL ORDER BY c.created_at LIMIT 1`;
	return row;
}

async function account(email: string) {
	const result = await register(pg.db, {
		name: 'New Account',
		email,
		password: 'a long passphrase'
	});
	if (!result.ok) throw new Error(result.message);
	return result.user;
}

describe('taking over guest bookings', () => {
	it('needs the link’s token and the same email, then joins the customer record', async () => {
		const g = await guest();
		const stranger = await account(`stranger.${NOW}@example.com`);
		expect(await claimBookings(pg.db, stranger, g.appointment_id, g.cancellation_token)).toBe(
			false
		);

		await pg.sql`DELETE FROM users WHERE email = ${g.email}`;
		const owner = await account(g.email);
		const wrongToken = '00000000-0000-4000-8000-000000000000';
		expect(await claimBookings(pg.db, owner, g.appointment_id, wrongToken)).toBe(false);
		expect(await claimBookings(pg.db, owner, g.appointment_id, g.cancellation_token)).toBe(true);
		const [joined] = await pg.sql`SELECT user_id FROM customers WHERE id = ${g.id}`;
		expect(joined.user_id).toBe(owner.id);
		// Once joined, the link cannot move it to another account.
		expect(await claimBookings(pg.db, stranger, g.appointment_id, g.cancellation_token)).toBe(
			false
		);
	});
});

describe('the data export', () => {
	it('gives the account, the customer record and every booking with its payments, no secrets', async () => {
		const [c] = await pg.sql`
			SELECT c.id, c.user_id FROM customers c WHERE c.user_id IS NOT NULL
			AND EXISTS (SELECT 1 FROM customer_appointments ca WHERE ca.customer_id = c.id) LIMIT 1`;
		const data = await exportAccountData(pg.db, c.user_id, NOW);
		const [{ n }] =
			await pg.sql`SELECT count(*)::int AS n FROM customer_appointments WHERE customer_id = ${c.id}`;
		expect(data.customer?.id).toBe(c.id);
		expect(data.bookings).toHaveLength(n);
		expect(data.account?.email).toMatch(/@/);
		const text = JSON.stringify(data);
		const [secret] = await pg.sql`SELECT hash FROM user_passwords WHERE user_id = ${c.user_id}`;
		if (secret) expect(text).not.toContain(secret.hash);
	});
});

describe('saving the address', () => {
	it('names each bad field, and makes the customer record on the first save', async () => {
		const user = await account(`fresh.${NOW}@example.com`);
		const bad = await saveProfile(pg.db, user, { name: '', phone: '12', postcode: 'N16' });
		expect(bad.ok).toBe(false);
		if (!bad.ok)
			expect(Object.keys(bad.fields).sort()).toEqual([
				'address_line1',
				'city',
				'name',
				'phone',
				'postcode'
			]);
		const good = await saveProfile(pg.db, user, {
			name: 'Fresh Face',
			phone: '07700 900111',
			address_line1: '9 Church Street',
			city: 'London',
			postcode: 'n16 0lh'
		});
		expect(good).toEqual({ ok: true });
		const [row] =
			await pg.sql`SELECT name, phone, postcode, email FROM customers WHERE user_id = ${user.id}`;
		expect(row).toEqual({
			name: 'Fresh Face',
			phone: '+447700900111',
			postcode: 'N16 0LH',
			email: user.email
		});
	});
});

describe('deleting the account', () => {
	it('is refused while cleans are to come, naming them; afterwards nothing personal is left', async () => {
		const [c] = await pg.sql`
			SELECT c.id, c.user_id, c.email FROM customers c WHERE c.user_id IS NOT NULL
			AND EXISTS (SELECT 1 FROM customer_appointments ca JOIN appointments a ON a.id = ca.appointment_id
				WHERE ca.customer_id = c.id AND a.status IN ('pending', 'confirmed') AND a.end_time > now())
			LIMIT 1`;
		const refused = await deleteAccount(pg.db, c.user_id, NOW);
		expect(refused.ok).toBe(false);
		if (!refused.ok) expect(refused.upcoming.length).toBeGreaterThan(0);
		expect((await pg.sql`SELECT 1 FROM users WHERE id = ${c.user_id}`).length).toBe(1);

		await pg.sql`UPDATE appointments SET status = 'cancelled' WHERE id IN (
			SELECT appointment_id FROM customer_appointments WHERE customer_id = ${c.id})
			AND status IN ('pending', 'confirmed') AND end_time > now()`;
		await pg.sql`INSERT INTO coverage_requests (email, postcode, district) VALUES (${c.email}, 'CF10 1AA', 'CF10')`;
		const [{ bookings: before }] =
			await pg.sql`SELECT count(*)::int AS bookings FROM customer_appointments WHERE customer_id = ${c.id}`;
		expect(await deleteAccount(pg.db, c.user_id, NOW)).toEqual({ ok: true });

		expect(await pg.sql`SELECT 1 FROM users WHERE id = ${c.user_id}`).toHaveLength(0);
		expect(await pg.sql`SELECT 1 FROM sessions WHERE user_id = ${c.user_id}`).toHaveLength(0);
		expect(await pg.sql`SELECT 1 FROM coverage_requests WHERE email = ${c.email}`).toHaveLength(0);
		const [left] = await pg.sql`SELECT * FROM customers WHERE id = ${c.id}`;
		expect(left).toMatchObject({
			user_id: null,
			name: 'Deleted customer',
			phone: '',
			address_line1: '',
			notes: ''
		});
		expect(left.email).not.toBe(c.email);
		expect(left.postcode).not.toContain(' ');
		const kept =
			await pg.sql`SELECT custom_fields FROM customer_appointments WHERE customer_id = ${c.id}`;
		expect(kept).toHaveLength(before);
		for (const k of kept) expect(k.custom_fields).toEqual({});
	});
});
