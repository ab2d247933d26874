import { runOnce } from 'graphile-worker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { apiCreateBooking } from '../api/booking-create.ts';
import { searchSlots } from '../booking/availability.ts';
import { closeDatabase } from '../db/client.ts';
import { quietLogger } from '../worker/logger.ts';
import { taskList } from '../worker/tasks.ts';
import { limitOf } from './limits.ts';
import { checkPublicLimit } from './public-limits.ts';
import {
	clear,
	deleteExpiredRateLimits,
	hit,
	peek,
	tooManyMessage,
	type Limit
} from './rate-limit.ts';

// Rate limits in Postgres: the counter itself (with its own clock), the public endpoints' limits
// as hooks.server.ts applies them, and the hold limit inside booking.create.

let pg: TestDatabase;
const T0 = new Date('2026-03-01T12:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const FIVE_PER_10_MIN: Limit = { name: 'test', max: 5, windowSeconds: 600 };

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedQuietDiary(pg.url);
	process.env.DATABASE_URL = pg.url;
});
afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
});

describe('the counter', () => {
	it('lets max attempts through, refuses the next with the time left, and lifts when the window ends', async () => {
		for (let i = 1; i <= 5; i++) {
			expect(await hit(pg.db, FIVE_PER_10_MIN, 'a@example.com', at(i))).toEqual({
				ok: true,
				hits: i
			});
		}
		expect(await peek(pg.db, FIVE_PER_10_MIN, 'a@example.com', at(10))).toEqual({
			ok: false,
			retryAfterSeconds: 591
		});
		expect(await hit(pg.db, FIVE_PER_10_MIN, 'a@example.com', at(60))).toEqual({
			ok: false,
			retryAfterSeconds: 541
		});
		// Refused attempts do not push the end of the window back.
		expect(await hit(pg.db, FIVE_PER_10_MIN, 'A@Example.com', at(600))).toEqual({
			ok: false,
			retryAfterSeconds: 1
		});
		expect(await peek(pg.db, FIVE_PER_10_MIN, 'a@example.com', at(601))).toEqual({
			ok: true,
			hits: 0
		});
		expect(await hit(pg.db, FIVE_PER_10_MIN, 'a@example.com', at(601))).toEqual({
			ok: true,
			hits: 1
		});
		// Another subject, another count.
		expect(await hit(pg.db, FIVE_PER_10_MIN, 'b@example.com', at(61))).toEqual({
			ok: true,
			hits: 1
		});
	});

	it('counts every one of many attempts at the same moment (one atomic upsert each)', async () => {
		const limit: Limit = { name: 'burst', max: 10, windowSeconds: 60 };
		const verdicts = await Promise.all(
			Array.from({ length: 25 }, () => hit(pg.db, limit, '10.1.1.1', T0))
		);
		expect(verdicts.filter((v) => v.ok)).toHaveLength(10);
		expect(
			verdicts
				.filter((v) => v.ok)
				.map((v) => v.ok && v.hits)
				.sort((a, b) => Number(a) - Number(b))
		).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
	});

	it('forgets a subject on clear, and expired counters on clean-up', async () => {
		await hit(pg.db, FIVE_PER_10_MIN, 'c@example.com', T0);
		await clear(pg.db, FIVE_PER_10_MIN, 'c@example.com');
		expect(await peek(pg.db, FIVE_PER_10_MIN, 'c@example.com', T0)).toEqual({ ok: true, hits: 0 });
		await hit(pg.db, FIVE_PER_10_MIN, 'd@example.com', T0);
		await deleteExpiredRateLimits(pg.db, at(601));
		const [{ n }] = await pg.sql<{ n: number }[]>`
			SELECT count(*)::int AS n FROM rate_limits WHERE key = 'test:d@example.com'`;
		expect(n).toBe(0);
	});

	it('lets the hourly job drop windows that are over, and keep live ones', async () => {
		const live: Limit = { name: 'live', max: 5, windowSeconds: 3600 };
		await hit(pg.db, live, 'e@example.com', new Date());
		await hit(pg.db, FIVE_PER_10_MIN, 'old@example.com', new Date(Date.now() - 3600_000));
		await pg.sql`SELECT graphile_worker.add_job('security__purge_expired', '{}'::json)`;
		await runOnce({
			connectionString: pg.url,
			taskList,
			logger: quietLogger,
			noHandleSignals: true
		});
		const keys = await pg.sql<{ key: string }[]>`
			SELECT key FROM rate_limits WHERE key IN ('live:e@example.com', 'test:old@example.com')`;
		expect(keys.map((k) => k.key)).toEqual(['live:e@example.com']);
	});

	it('says how long in whole minutes, rounded up', () => {
		expect(tooManyMessage(1)).toBe('Too many attempts: try again in 1 minute');
		expect(tooManyMessage(61)).toBe('Too many attempts: try again in 2 minutes');
		expect(tooManyMessage(900)).toBe('Too many attempts: try again in 15 minutes');
	});

	it('reads a limit from its RATE_LIMIT_* variable, and refuses a malformed one', () => {
		const saved = process.env.RATE_LIMIT_LOGIN_ACCOUNT;
		try {
			delete process.env.RATE_LIMIT_LOGIN_ACCOUNT;
			expect(limitOf('loginAccount')).toEqual({
				name: 'login-account',
				max: 10,
				windowSeconds: 900
			});
			process.env.RATE_LIMIT_LOGIN_ACCOUNT = '3/60';
			expect(limitOf('loginAccount')).toEqual({ name: 'login-account', max: 3, windowSeconds: 60 });
			process.env.RATE_LIMIT_LOGIN_ACCOUNT = 'lots';
			expect(() => limitOf('loginAccount')).toThrow(/RATE_LIMIT_LOGIN_ACCOUNT must look like/);
		} finally {
			if (saved === undefined) delete process.env.RATE_LIMIT_LOGIN_ACCOUNT;
			else process.env.RATE_LIMIT_LOGIN_ACCOUNT = saved;
		}
	});
});

describe('public endpoints (per client address)', () => {
	const saved = process.env.RATE_LIMIT_SLOT_SEARCH_IP;
	afterEach(() => {
		process.env.RATE_LIMIT_SLOT_SEARCH_IP = saved;
	});

	it('answers slot searches past the limit with 429, Retry-After and the message, until the window ends', async () => {
		process.env.RATE_LIMIT_SLOT_SEARCH_IP = '3/300';
		const search = (ip: string, now: Date, role: AuthContext['role'] | null = null) =>
			checkPublicLimit(
				pg.db,
				{ method: 'GET', path: '/api/v1/bookings/available-slots/', ip, role },
				now
			);
		for (let i = 0; i < 3; i++) expect(await search('10.2.0.1', at(i))).toBeNull();
		const refused = (await search('10.2.0.1', at(100)))!;
		expect(refused.status).toBe(429);
		expect(refused.headers.get('retry-after')).toBe('200');
		expect((await refused.json()).error).toEqual({
			code: 'RATE_LIMITED',
			message: 'Too many attempts: try again in 4 minutes',
			details: { retry_after_seconds: 200 }
		});
		// The postcode look-up the booking page calls shares the count.
		expect(
			(
				await checkPublicLimit(
					pg.db,
					{ method: 'GET', path: '/api/v1/services/x/staff/', ip: '10.2.0.1', role: null },
					at(101)
				)
			)?.status
		).toBe(429);
		// So do the booking page's travel answer and its log of searches (a script cannot fill the
		// report's table).
		expect(
			(
				await checkPublicLimit(
					pg.db,
					{ method: 'POST', path: '/api/slot-searches', ip: '10.2.0.1', role: null },
					at(102)
				)
			)?.status
		).toBe(429);
		expect(
			(
				await checkPublicLimit(
					pg.db,
					{ method: 'GET', path: '/api/reachable-slots', ip: '10.2.0.1', role: null },
					at(102)
				)
			)?.status
		).toBe(429);
		// Another address, an admin, and a path with no limit are not held back.
		expect(await search('10.2.0.2', at(100))).toBeNull();
		expect(await search('10.2.0.1', at(100), 'admin')).toBeNull();
		expect(
			await checkPublicLimit(
				pg.db,
				{ method: 'GET', path: '/api/v1/services/', ip: '10.2.0.1', role: null },
				at(100)
			)
		).toBeNull();
		// Lifted once the window is over.
		expect(await search('10.2.0.1', at(300))).toBeNull();
	});
});

describe('pending holds per customer email (booking.create, REST and Zero alike)', () => {
	const saved = process.env.RATE_LIMIT_HOLD_EMAIL;
	afterAll(() => {
		process.env.RATE_LIMIT_HOLD_EMAIL = saved;
	});

	const customer = (email: string) => ({
		name: 'Holly Holder',
		email,
		phone: '07700 900456',
		address_line1: '3 Albion Road',
		city: 'London',
		postcode: 'N16 9PD'
	});

	async function freeSlots(days: number) {
		const [{ id: serviceId }] =
			await pg.sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
		const date = addDays(localDate(Date.now(), 'Europe/London'), days);
		const found = await searchSlots(pg.db, {
			serviceId,
			date,
			postcode: 'N16 9PD',
			now: Date.now()
		});
		if (!found.ok) throw new Error(found.message);
		return { serviceId: serviceId as string, slots: found.slots };
	}

	const book = (serviceId: string, start: number, email: string, ctx?: AuthContext) =>
		apiCreateBooking(
			new Request('http://test/api/v1/bookings/', {
				method: 'POST',
				body: JSON.stringify({
					service_id: serviceId,
					start_time: new Date(start).toISOString(),
					customer: customer(email)
				})
			}),
			ctx
		);

	const bookingsOf = async (email: string) =>
		(
			await pg.sql<{ n: number }[]>`
			SELECT count(*)::int AS n FROM customer_appointments ca JOIN customers c ON c.id = ca.customer_id
			WHERE c.email = ${email}`
		)[0].n;

	it('lets one email hold so many slots an hour, refuses the next with 429 and writes nothing', async () => {
		process.env.RATE_LIMIT_HOLD_EMAIL = '2/3600';
		const first = async (days: number) => {
			const { serviceId, slots } = await freeSlots(days);
			return { serviceId, start: slots[0].start };
		};
		const a = await first(9);
		const serviceId = a.serviceId;
		const email = 'holly.holder@example.com';
		expect((await book(serviceId, a.start, email)).status).toBe(201);
		// A booking refused for another reason (a time off the slot grid) does not count.
		const taken = await book(serviceId, a.start + 60_000, email);
		expect(taken.status).toBe(409);
		expect((await book(serviceId, (await first(10)).start, email)).status).toBe(201);
		const c = await first(11);
		const refused = await book(serviceId, c.start, email.toUpperCase());
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3500);
		const { error } = await refused.json();
		expect(error.code).toBe('RATE_LIMITED');
		expect(error.message).toMatch(/^Too many attempts: try again in (59|60) minutes$/);
		expect(error.details['customer.email']).toEqual([error.message]);
		expect(await bookingsOf(email)).toBe(2);
		// Another customer books that very slot.
		expect((await book(serviceId, c.start, 'someone.else@example.com')).status).toBe(201);
	});

	it('does not limit the office booking for a customer', async () => {
		process.env.RATE_LIMIT_HOLD_EMAIL = '1/3600';
		const day = async (days: number) => (await freeSlots(days)).slots[0].start;
		const { serviceId } = await freeSlots(12);
		const [{ id: userID }] = await pg.sql`SELECT id FROM users WHERE email = 'admin@valclean.test'`;
		const admin: AuthContext = {
			userID,
			role: 'admin',
			staffID: null,
			customerID: null,
			office: { all: true },
			permissions: []
		};
		const email = 'office.booked@example.com';
		expect((await book(serviceId, await day(12), email, admin)).status).toBe(201);
		expect((await book(serviceId, await day(13), email, admin)).status).toBe(201);
		expect((await book(serviceId, await day(14), email)).status).toBe(201);
		expect((await book(serviceId, await day(15), email)).status).toBe(429);
	});
});
