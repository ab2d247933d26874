import { ApplicationError } from '@rocicorp/zero';
import { zeroDrizzle } from '@rocicorp/zero/server/adapters/drizzle';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../drizzle/schema.ts';
import { seedIfEmpty } from '../../drizzle/seed/seed.ts';
import { authContextFor } from '../../server/auth/context.ts';
import { serverMutators } from '../../server/zero/mutators.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { officeDay } from '../../sync/queries/appointments.ts';
import { schema } from '../../sync/schema.ts';
import { startTestDatabase, type TestDatabase } from '../support/postgres.ts';

// What each office user sees and may change, run through the same query and mutator code the
// Zero endpoints run, against the demo company in a real Postgres.

const NOW = new Date('2026-10-25T10:00:00Z');
let pg: TestDatabase;
let provider: ReturnType<typeof zeroDrizzle<typeof schema, TestDatabase['db']>>;

async function contextOf(email: string): Promise<AuthContext> {
	const [user] = await pg.db.select().from(users).where(eq(users.email, email));
	return authContextFor(pg.db, user);
}

function visibleIn(ctx: AuthContext | undefined, from: number, to: number) {
	return provider.transaction((tx) => tx.run(officeDay.fn({ args: { from, to }, ctx })));
}

function writeNotes(ctx: AuthContext | undefined, id: string, internalNotes: string) {
	return provider.transaction((tx) =>
		serverMutators.appointments.updateInternalNotes.fn({ tx, args: { id, internalNotes }, ctx })
	);
}

async function refusal(promise: Promise<unknown>) {
	try {
		await promise;
		return null;
	} catch (error) {
		expect(error).toBeInstanceOf(ApplicationError);
		return (error as ApplicationError<{ code: string }>).details.code;
	}
}

const from = Date.parse('2026-10-11T00:00:00Z');
const to = Date.parse('2026-11-09T00:00:00Z');

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedIfEmpty(pg.url, NOW, async (p) => `test-hash:${p}`);
	provider = zeroDrizzle(schema, pg.db);
});

afterAll(() => pg?.stop());

describe('office scope', () => {
	it('shows an admin every appointment', async () => {
		const [{ count }] = await pg.sql`SELECT count(*)::int AS count FROM appointments`;
		expect((await visibleIn(await contextOf('admin@valclean.test'), from, to)).length).toBe(count);
	});

	it("shows a location manager only the appointments of their location's cleaners", async () => {
		const ctx = await contextOf('north.manager@valclean.test');
		const rows = await visibleIn(ctx, from, to);
		const north = await pg.sql<{ id: string }[]>`
			SELECT a.id FROM appointments a JOIN staff s ON s.id = a.staff_id
			JOIN locations l ON l.id = s.location_id WHERE l.name = 'North London'`;
		expect(rows.map((r) => r.id).sort()).toEqual(north.map((r) => r.id).sort());
		expect(rows.length).toBeGreaterThan(0);
	});

	it('shows a manager of chosen cleaners only those cleaners', async () => {
		const ctx = await contextOf('south.manager@valclean.test');
		const rows = await visibleIn(ctx, from, to);
		expect(ctx.office).toMatchObject({ all: false });
		const staffIDs = ctx.office && !ctx.office.all ? ctx.office.staffIDs : [];
		expect(staffIDs).toHaveLength(3);
		expect(new Set(rows.map((r) => r.staffId))).toEqual(new Set(staffIDs));
	});

	it('shows cleaners, customers and anonymous callers nothing', async () => {
		for (const email of ['amira@valclean.test', 'customer@valclean.test']) {
			expect(await visibleIn(await contextOf(email), from, to)).toEqual([]);
		}
		expect(await visibleIn(undefined, from, to)).toEqual([]);
	});

	it('lets a manager change notes inside their scope, stamped with the server clock', async () => {
		const ctx = await contextOf('north.manager@valclean.test');
		const [mine] = await visibleIn(ctx, from, to);
		const before = Date.now();
		await writeNotes(ctx, mine.id, 'Bring the long ladder');
		const [row] =
			await pg.sql`SELECT internal_notes, updated_at FROM appointment_notes WHERE appointment_id = ${mine.id}`;
		expect(row.internal_notes).toBe('Bring the long ladder');
		expect(Date.parse(row.updated_at)).toBeGreaterThanOrEqual(before - 1000);
	});

	it('refuses a change outside the scope, and changes nothing', async () => {
		const north = await contextOf('north.manager@valclean.test');
		const visible = new Set((await visibleIn(north, from, to)).map((r) => r.id));
		const [other] = (await visibleIn(await contextOf('admin@valclean.test'), from, to)).filter(
			(r) => !visible.has(r.id)
		);
		expect(await refusal(writeNotes(north, other.id, 'not mine'))).toBe('FORBIDDEN');
		expect(await refusal(writeNotes(await contextOf('amira@valclean.test'), other.id, 'x'))).toBe(
			'FORBIDDEN'
		);
		expect(await refusal(writeNotes(undefined, other.id, 'x'))).toBe('FORBIDDEN');
		const rows =
			await pg.sql`SELECT internal_notes FROM appointment_notes WHERE appointment_id = ${other.id}`;
		expect(rows.map((r) => r.internal_notes)).not.toContain('not mine');
	});

	it('says NOT_FOUND for an appointment that does not exist', async () => {
		const admin = await contextOf('admin@valclean.test');
		expect(await refusal(writeNotes(admin, '00000000-0000-4000-8000-000000000000', 'x'))).toBe(
			'NOT_FOUND'
		);
	});
});
