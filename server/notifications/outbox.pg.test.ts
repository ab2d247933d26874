import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../drizzle/schema.ts';
import { seedIfEmpty } from '../../drizzle/seed/seed.ts';
import type { OfficeScope } from '../../sync/auth.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { authContextFor } from '../auth/context.ts';
import { outboxFor } from './outbox.ts';

// What the office's Outbox page lists, against the demo company in a real Postgres: newest first,
// everything for an admin, only their bookings' messages for a manager with a scope.

let pg: TestDatabase;
const ids: Record<'north' | 'south', string> = { north: '', south: '' };

async function scopeOf(email: string): Promise<OfficeScope> {
	const [user] = await pg.db.select().from(users).where(eq(users.email, email));
	const { office } = await authContextFor(pg.db, user);
	if (!office) throw new Error(`${email} is not in the office`);
	return office;
}

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedIfEmpty(pg.url, new Date(), async (p) => `test-hash:${p}`);
	// One appointment of a cleaner each manager manages.
	for (const side of ['north', 'south'] as const) {
		const scope = await scopeOf(`${side}.manager@valclean.test`);
		if (scope.all) throw new Error('the demo managers have a scope');
		const [row] = await pg.sql`
			SELECT id FROM appointments WHERE staff_id = ANY(${scope.staffIDs}::uuid[]) LIMIT 1`;
		ids[side] = row.id;
	}
	await pg.sql`
		INSERT INTO outbox_messages (channel, to_address, subject, text, html, notification_key, appointment_id, created_at)
		VALUES
			('email', 'north@example.com', 'Booked: north', 'Hello', '<p>Hello</p>', 'k1', ${ids.north}, now() - interval '2 minutes'),
			('sms', '+447700900001', NULL, 'VALClean: south', NULL, 'k2', ${ids.south}, now() - interval '1 minute'),
			('sms', '+447700900002', NULL, 'VALClean: newest, north', NULL, 'k3', ${ids.north}, now())`;
	await pg.sql`
		INSERT INTO notification_log (key, appointment_id, kind, recipient, channel, to_address, driver, status, error)
		VALUES
			('u1', ${ids.south}, 'reminder', 'customer', 'email', 'south@example.com', 'sendgrid', 'sending', 'Outcome unknown'),
			('u2', ${ids.north}, 'reminder', 'customer', 'sms', '+447700900003', 'twilio', 'sent', NULL)`;
});

afterAll(() => pg?.stop());

describe('the office’s outbox', () => {
	it('lists every message, newest first, and what a provider may not have delivered, for an admin', async () => {
		const page = await outboxFor(pg.db, await scopeOf('admin@valclean.test'));
		expect(page.messages.map((m) => m.text)).toEqual([
			'VALClean: newest, north',
			'VALClean: south',
			'Hello'
		]);
		expect(page.messages[2]).toMatchObject({
			channel: 'email',
			to: 'north@example.com',
			subject: 'Booked: north',
			html: '<p>Hello</p>'
		});
		expect(page.unsure.map((u) => [u.key, u.status, u.error])).toEqual([
			['u1', 'sending', 'Outcome unknown']
		]);
	});

	it('shows a manager with a scope only the messages about their bookings', async () => {
		const north = await outboxFor(pg.db, await scopeOf('north.manager@valclean.test'));
		const south = await outboxFor(pg.db, await scopeOf('south.manager@valclean.test'));
		expect(north.messages.map((m) => m.text)).toEqual(['VALClean: newest, north', 'Hello']);
		expect(south.messages.map((m) => m.text)).toEqual(['VALClean: south']);
		expect(north.unsure).toEqual([]);
		expect(south.unsure.map((u) => u.key)).toEqual(['u1']);
	});

	it('shows a manager who manages nothing no message', async () => {
		const page = await outboxFor(pg.db, {
			all: false,
			staffIDs: [],
			locationIDs: [],
			customerIDs: []
		});
		expect(page).toEqual({ messages: [], unsure: [] });
	});
});
