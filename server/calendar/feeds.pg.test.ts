import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	appointments,
	auditLog,
	calendarFeeds,
	customerAppointments,
	customers,
	staff,
	users
} from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import {
	at,
	ids,
	officeUser,
	seedOfficeFixture,
	type Fixture
} from '../../tests/support/office-fixture.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { authContextFor } from '../auth/context.ts';
import { closeDatabase } from '../db/client.ts';
import { createFeed, feedFor, liveFeed, revokeFeed } from './feeds.ts';

// Calendar feeds: the token shown once and kept hashed, one live feed per user, revoked and
// unknown tokens answered alike, and each role's feed holding only what that role may see.

let pg: TestDatabase;
let fixture: Fixture;
/** Ben's job at the North location: a North manager sees it, Ann (North's cleaner) does not. */
let benAtNorth: string;
const users_: Record<string, typeof users.$inferSelect> = {};
const ctx: Record<string, AuthContext> = {};

async function account(name: string, role: 'staff' | 'customer') {
	const [user] = await pg.db
		.insert(users)
		.values({ email: `${name}-login@example.com`, username: `${name}-login`, name, role })
		.returning();
	return user;
}

/** Epoch ms the feed is read at: Wednesday 6 May 2026, mid-fixture. */
const NOW = at('2026-05-06T12:00');

async function uidsOf(token: string, now = NOW) {
	const feed = await feedFor(pg.db, token, now);
	return feed?.events.map((e) => e.uid.replace('@valclean', '')).sort() ?? null;
}

const apps = (...keys: string[]) =>
	keys.map((k) => (k === 'benAtNorth' ? benAtNorth : fixture.appointment[k])).sort();

beforeAll(async () => {
	pg = await startTestDatabase();
	process.env.DATABASE_URL = pg.url;
	fixture = await seedOfficeFixture(pg.db);
	const [a] = await pg.db
		.insert(appointments)
		.values({
			staffId: ids.ben,
			serviceId: ids.regular,
			locationId: ids.north,
			startTime: new Date(at('2026-05-05T13:00')),
			endTime: new Date(at('2026-05-05T15:00')),
			blockedFrom: new Date(at('2026-05-05T13:00')),
			blockedUntil: new Date(at('2026-05-05T15:00')),
			status: 'confirmed'
		})
		.returning();
	benAtNorth = a.id;
	await pg.db
		.insert(customerAppointments)
		.values({ customerId: fixture.customers.eli.id, appointmentId: a.id, totalPrice: 5000 });

	users_.ann = await account('Ann', 'staff');
	await pg.db.update(staff).set({ userId: users_.ann.id }).where(eq(staff.id, ids.ann));
	users_.ben = await account('Ben', 'staff');
	await pg.db.update(staff).set({ userId: users_.ben.id }).where(eq(staff.id, ids.ben));
	users_.cara = await account('Cara', 'customer');
	await pg.db
		.update(customers)
		.set({ userId: users_.cara.id, addressLine1: '3 Albion Road', city: 'London' })
		.where(eq(customers.id, fixture.customers.cara.id));
	users_.nina = await officeUser(pg.db, 'nina', 'manager', { locations: [ids.north] });
	users_.boss = await officeUser(pg.db, 'boss', 'admin');
	for (const [name, user] of Object.entries(users_)) ctx[name] = await authContextFor(pg.db, user);
}, 60_000);

afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
});

describe('calendar feeds', () => {
	it('give the token once and keep only its SHA-256', async () => {
		const { id, token } = await createFeed(pg.db, ctx.ann);
		expect(token).toMatch(/^[a-z2-7]{52}$/);
		const [row] = await pg.db.select().from(calendarFeeds).where(eq(calendarFeeds.id, id));
		expect(row).toMatchObject({ userId: users_.ann.id, revokedAt: null });
		const expected = Buffer.from(
			await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))
		).toString('hex');
		expect(row.tokenHash).toBe(expected);
		expect(JSON.stringify(row)).not.toContain(token);
		expect(await liveFeed(pg.db, users_.ann.id)).toMatchObject({ id });
	});

	it('keep one live feed per user: a new one revokes the old, whose URL then finds nothing', async () => {
		const first = await createFeed(pg.db, ctx.ben);
		const second = await createFeed(pg.db, ctx.ben);
		expect(await feedFor(pg.db, first.token, NOW)).toBeNull();
		expect(await feedFor(pg.db, second.token, NOW)).not.toBeNull();
		const rows = await pg.db
			.select()
			.from(calendarFeeds)
			.where(eq(calendarFeeds.userId, users_.ben.id));
		expect(rows.filter((r) => r.revokedAt === null).map((r) => r.id)).toEqual([second.id]);
	});

	it('answer a revoked, unknown or malformed token alike, with nothing', async () => {
		const { token } = await createFeed(pg.db, ctx.cara);
		expect(await revokeFeed(pg.db, ctx.cara)).toBe(true);
		expect(await revokeFeed(pg.db, ctx.cara)).toBe(false);
		expect(await liveFeed(pg.db, users_.cara.id)).toBeNull();
		expect(await feedFor(pg.db, token, NOW)).toBeNull();
		expect(await feedFor(pg.db, 'a'.repeat(52), NOW)).toBeNull();
		expect(await feedFor(pg.db, '../x', NOW)).toBeNull();
		expect(await feedFor(pg.db, '', NOW)).toBeNull();
	});

	it('give a cleaner their own jobs, not cancelled or expired, with customer and address', async () => {
		const { token } = await createFeed(pg.db, ctx.ann);
		expect(await uidsOf(token)).toEqual(apps('a1', 'a2', 'a5', 'a6', 'a8'));
		const { token: ben } = await createFeed(pg.db, ctx.ben);
		// a4 and a7 were cancelled, a9 expired.
		expect(await uidsOf(ben)).toEqual(apps('a3', 'benAtNorth'));
		const feed = await feedFor(pg.db, token, NOW);
		const a8 = feed!.events.find((e) => e.uid === `${fixture.appointment.a8}@valclean`)!;
		expect(a8).toMatchObject({
			summary: 'Regular clean — Cara',
			location: '3 Albion Road, London, N16 9PD',
			start: at('2026-05-11T10:00'),
			end: at('2026-05-11T12:00')
		});
		expect(feed!.name).toBe('VALClean — Ann');
	});

	it('reach 30 days back and up to the booking horizon (60 days)', async () => {
		const { token } = await createFeed(pg.db, ctx.ann);
		// From 30 April: a1 (27 April) and a2 (28 April) are too old.
		expect(await uidsOf(token, at('2026-05-30T12:00'))).toEqual(apps('a5', 'a6', 'a8'));
		// On 1 March the horizon ends with 30 April: only a1 and a2.
		expect(await uidsOf(token, at('2026-03-01T12:00'))).toEqual(apps('a1', 'a2'));
	});

	it("give a scoped manager their scope's bookings, an admin every booking", async () => {
		const { token } = await createFeed(pg.db, ctx.nina);
		expect(await uidsOf(token)).toEqual(apps('a1', 'a2', 'a5', 'a6', 'a8', 'benAtNorth'));
		const { token: boss } = await createFeed(pg.db, ctx.boss);
		expect(await uidsOf(boss)).toEqual(apps('a1', 'a2', 'a3', 'a5', 'a6', 'a8', 'benAtNorth'));
		const audited = await pg.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.actorUserId, users_.nina.id));
		expect(audited.map((r) => r.action)).toEqual(['calendar_feeds.create']);
	});

	it('give a customer their own bookings by service alone, without names or address', async () => {
		const { token } = await createFeed(pg.db, ctx.cara);
		expect(await uidsOf(token)).toEqual(apps('a1', 'a8'));
		const feed = await feedFor(pg.db, token, NOW);
		expect(feed!.events.map((e) => [e.summary, e.location])).toEqual([
			['Regular clean', ''],
			['Regular clean', '']
		]);
	});

	it('find nothing for a disabled account, an archived customer or a cleaner no longer active', async () => {
		const ann = await createFeed(pg.db, ctx.ann);
		const cara = await createFeed(pg.db, ctx.cara);
		const nina = await createFeed(pg.db, ctx.nina);
		await pg.db.update(users).set({ isActive: false }).where(eq(users.id, users_.nina.id));
		await pg.db
			.update(customers)
			.set({ isArchived: true })
			.where(eq(customers.id, fixture.customers.cara.id));
		await pg.db.update(staff).set({ isActive: false }).where(eq(staff.id, ids.ann));
		expect(await feedFor(pg.db, nina.token, NOW)).toBeNull();
		expect(await feedFor(pg.db, cara.token, NOW)).toBeNull();
		expect(await feedFor(pg.db, ann.token, NOW)).toBeNull();
	});
});
