import { ApplicationError } from '@rocicorp/zero';
import { zeroDrizzle } from '@rocicorp/zero/server/adapters/drizzle';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../drizzle/schema.ts';
import { seedIfEmpty } from '../../drizzle/seed/seed.ts';
import { authContextFor } from '../../server/auth/context.ts';
import { searchSlots } from '../../server/booking/availability.ts';
import { serverMutators } from '../../server/zero/mutators.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import type { RequestTimeOffArgs } from '../../sync/mutators/time-off.ts';
import { myTimeOff } from '../../sync/queries/schedule.ts';
import { officeTimeOff, timeOffClashes } from '../../sync/queries/time-off.ts';
import { schema } from '../../sync/schema.ts';
import { startTestDatabase, type TestDatabase } from '../support/postgres.ts';

// Time off through the same mutator and query code the Zero endpoints run (the server's versions),
// against the demo company in a real Postgres: who may ask, who may decide, and what approval does
// to the customers' free slots.

let pg: TestDatabase;
let provider: ReturnType<typeof zeroDrizzle<typeof schema, TestDatabase['db']>>;
let amira: AuthContext;
let serviceId: string;
const today = () => localDate(Date.now(), 'Europe/London');

async function contextOf(email: string): Promise<AuthContext> {
	const [user] = await pg.db.select().from(users).where(eq(users.email, email));
	return authContextFor(pg.db, user);
}

const ask = (ctx: AuthContext | undefined, args: RequestTimeOffArgs) =>
	provider.transaction((tx) => serverMutators.timeOff.request.fn({ tx, args, ctx }));
const decide = (ctx: AuthContext | undefined, id: string, decision: 'approved' | 'rejected') =>
	provider.transaction((tx) =>
		serverMutators.timeOff.decide.fn({ tx, args: { id, decision }, ctx })
	);
const withdraw = (ctx: AuthContext | undefined, id: string) =>
	provider.transaction((tx) => serverMutators.timeOff.withdraw.fn({ tx, args: { id }, ctx }));

/** Whole days off, `from` and `to` days after today, the last day included. */
function days(from: number, to: number, reason = 'Holiday'): RequestTimeOffArgs {
	return {
		id: uuidv7(),
		startDate: addDays(today(), from),
		startTime: null,
		endDate: addDays(today(), to),
		endTime: null,
		reason
	};
}

async function refusal(promise: Promise<unknown>) {
	try {
		await promise;
		return null;
	} catch (error) {
		expect(error).toBeInstanceOf(ApplicationError);
		return (error as ApplicationError<{ code: string; fields?: Record<string, string> }>).details;
	}
}

const rowOf = async (id: string) =>
	(await pg.sql`SELECT * FROM staff_time_off WHERE id = ${id}`)[0] as
		| { staff_id: string; status: string; decided_by: string | null; decided_at: Date | null }
		| undefined;

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedIfEmpty(pg.url, new Date(), async (p) => `test-hash:${p}`);
	provider = zeroDrizzle(schema, pg.db);
	amira = await contextOf('amira@valclean.test');
	[{ id: serviceId }] = await pg.sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
});

afterAll(() => pg?.stop());

describe('a cleaner asking for time off', () => {
	it('stores a pending request of their own, in local days', async () => {
		const args = days(20, 21);
		await ask(amira, args);
		const row = await rowOf(args.id);
		expect(row).toMatchObject({ staff_id: amira.staffID, status: 'requested', decided_by: null });
	});

	it('refuses bad dates and an overlap with a message per field, and writes nothing', async () => {
		const bad = { ...days(-2, -5), reason: '' };
		expect(await refusal(ask(amira, bad))).toMatchObject({
			code: 'INVALID',
			fields: { start: /passed/, end: /after the start/, reason: /why/ }
		});
		const overlap = days(21, 22);
		expect(await refusal(ask(amira, overlap))).toMatchObject({
			code: 'INVALID',
			fields: { start: /overlaps your pending request/ }
		});
		const long = days(30, 90);
		expect(await refusal(ask(amira, long))).toMatchObject({ fields: { end: /At most 60 days/ } });
		for (const { id } of [bad, overlap, long]) expect(await rowOf(id)).toBeUndefined();
	});

	it('cannot ask for another cleaner, and only cleaners can ask', async () => {
		const [tomasz] = await pg.sql`
			SELECT s.id FROM staff s JOIN users u ON u.id = s.user_id WHERE u.email = 'tomasz@valclean.test'`;
		const args = { ...days(25, 25), staffId: tomasz.id } as RequestTimeOffArgs;
		await expect(ask(amira, args)).rejects.toThrow(/staffId|Unrecognized/);
		expect(await rowOf(args.id)).toBeUndefined();
		for (const email of ['admin@valclean.test', 'customer@valclean.test']) {
			const other = days(26, 26);
			expect(await refusal(ask(await contextOf(email), other))).toMatchObject({
				code: 'FORBIDDEN'
			});
			expect(await rowOf(other.id)).toBeUndefined();
		}
		expect(await refusal(ask(undefined, days(26, 26)))).toMatchObject({ code: 'FORBIDDEN' });
	});

	it('may withdraw their own pending request, not another’s, and not once decided', async () => {
		const mine = days(40, 40);
		await ask(amira, mine);
		const tomasz = await contextOf('tomasz@valclean.test');
		expect(await refusal(withdraw(tomasz, mine.id))).toMatchObject({ code: 'NOT_FOUND' });
		await withdraw(amira, mine.id);
		expect(await rowOf(mine.id)).toBeUndefined();

		const decided = days(42, 42);
		await ask(amira, decided);
		await decide(await contextOf('admin@valclean.test'), decided.id, 'rejected');
		expect(await refusal(withdraw(amira, decided.id))).toMatchObject({ code: 'ALREADY_DECIDED' });
	});
});

describe('the office deciding', () => {
	it('refuses a cleaner and a manager whose scope does not hold the cleaner', async () => {
		const args = days(44, 45);
		await ask(amira, args);
		const south = await contextOf('south.manager@valclean.test');
		expect(await refusal(decide(amira, args.id, 'approved'))).toMatchObject({ code: 'FORBIDDEN' });
		expect(await refusal(decide(south, args.id, 'approved'))).toMatchObject({ code: 'FORBIDDEN' });
		expect(await refusal(decide(undefined, args.id, 'approved'))).toMatchObject({
			code: 'FORBIDDEN'
		});
		expect((await rowOf(args.id))?.status).toBe('requested');
	});

	it('lets a manager in scope decide once, stamped with who and the server clock', async () => {
		const args = days(46, 46);
		await ask(amira, args);
		const north = await contextOf('north.manager@valclean.test');
		const before = Date.now();
		await decide(north, args.id, 'rejected');
		const row = await rowOf(args.id);
		expect(row).toMatchObject({ status: 'rejected', decided_by: north.userID });
		expect(new Date(row!.decided_at!).getTime()).toBeGreaterThanOrEqual(before - 1000);
		expect(await refusal(decide(north, args.id, 'approved'))).toMatchObject({
			code: 'ALREADY_DECIDED'
		});
		// A rejected request holds no time: the same days may be asked for again.
		await ask(amira, { ...args, id: uuidv7() });
	});

	it('takes approved time off out of the free slots, and shows the office the jobs inside it', async () => {
		const search = async (date: string) => {
			const found = await searchSlots(pg.db, {
				serviceId,
				date,
				postcode: 'N16 9PD',
				now: Date.now()
			});
			if (!found.ok) throw new Error(found.message);
			return found.slots.filter((s) => s.staffIds.includes(amira.staffID!));
		};
		let offset = 2;
		while ((await search(addDays(today(), offset))).length === 0) offset++;
		const date = addDays(today(), offset);
		const args = days(offset, offset, 'Moving house');
		await ask(amira, args);
		// Pending time off does not touch the slots.
		expect((await search(date)).length).toBeGreaterThan(0);

		const admin = await contextOf('admin@valclean.test');
		const row = (
			await provider.transaction((tx) =>
				tx.run(officeTimeOff.fn({ args: { since: Date.now() }, ctx: admin }))
			)
		).find((r) => r.id === args.id)!;
		expect(row.staff?.name).toBeTruthy();
		const jobs = await provider.transaction((tx) =>
			tx.run(
				timeOffClashes.fn({
					args: { staffId: row.staffId, from: row.startsAt, to: row.endsAt },
					ctx: admin
				})
			)
		);
		const [{ n }] = await pg.sql`
			SELECT count(*)::int AS n FROM appointments WHERE staff_id = ${amira.staffID}
			AND status NOT IN ('cancelled', 'expired')
			AND start_time < ${new Date(row.endsAt).toISOString()}
			AND end_time > ${new Date(row.startsAt).toISOString()}`;
		expect(jobs).toHaveLength(n);

		await decide(admin, args.id, 'approved');
		expect(await search(date)).toEqual([]);
		const busy = await pg.sql`SELECT source FROM staff_busy WHERE id = ${args.id}`;
		expect(busy.map((b) => b.source)).toEqual(['time_off']);
	});
});

describe('who sees time off', () => {
	it('shows a cleaner only their own, and a manager only their scope’s', async () => {
		const ownRows = await provider.transaction((tx) =>
			tx.run(myTimeOff.fn({ args: undefined, ctx: amira }))
		);
		expect(ownRows.length).toBeGreaterThan(0);
		expect(new Set(ownRows.map((r) => r.staffId))).toEqual(new Set([amira.staffID]));

		const south = await contextOf('south.manager@valclean.test');
		const seen = await provider.transaction((tx) =>
			tx.run(officeTimeOff.fn({ args: { since: 0 }, ctx: south }))
		);
		const scope = south.office && !south.office.all ? south.office.staffIDs : [];
		expect(seen.length).toBeGreaterThan(0);
		for (const r of seen) expect(scope).toContain(r.staffId);
		expect(seen.map((r) => r.staffId)).not.toContain(amira.staffID);
		const clashes = await provider.transaction((tx) =>
			tx.run(
				timeOffClashes.fn({
					args: { staffId: amira.staffID!, from: 0, to: Date.now() + 1e10 },
					ctx: south
				})
			)
		);
		expect(clashes).toEqual([]);

		for (const ctx of [undefined, await contextOf('customer@valclean.test')]) {
			expect(
				await provider.transaction((tx) => tx.run(myTimeOff.fn({ args: undefined, ctx })))
			).toEqual([]);
			expect(
				await provider.transaction((tx) => tx.run(officeTimeOff.fn({ args: { since: 0 }, ctx })))
			).toEqual([]);
		}
	});
});
