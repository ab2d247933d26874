import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { users } from '../../drizzle/schema.ts';
import { seedIfEmpty } from '../../drizzle/seed/seed.ts';
import { jobState } from '../../sync/domain/field-state.ts';
import { encodeHlc, tick, type Hlc } from '../../sync/domain/hlc.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { authContextFor } from '../auth/context.ts';
import { closeDatabase } from '../db/client.ts';
import { apiFieldEvents } from './api.ts';
import { ingestFieldEvents, MAX_BATCH_BYTES } from './ingest.ts';
import { storedEvent } from '../../sync/field-events.ts';
import { jobFieldState } from './projection.ts';

// The one path field events take into Postgres, against the demo company: each id stored once,
// another cleaner's job refused but kept, malformed events answered, and the server's fold.

let pg: TestDatabase;
let amira: AuthContext;
let mine: string;
let theirs: string;
const T = Date.parse('2026-11-25T09:00:00Z');

beforeAll(async () => {
	pg = await startTestDatabase();
	process.env.DATABASE_URL = pg.url;
	await seedIfEmpty(pg.url, new Date(), async (p) => `test-hash:${p}`);
	const [user] = await pg.db.select().from(users).where(eq(users.email, 'amira@valclean.test'));
	amira = await authContextFor(pg.db, user);
	[{ id: mine }] =
		await pg.sql`SELECT id FROM appointments WHERE staff_id = ${amira.staffID} LIMIT 1`;
	[{ id: theirs }] =
		await pg.sql`SELECT id FROM appointments WHERE staff_id <> ${amira.staffID} LIMIT 1`;
});

afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
});

let clock: Hlc | null = null;
function event(jobId: string, body: Record<string, unknown>) {
	clock = tick(clock, T, 'amira-phone');
	return { id: uuidv7(), jobId, deviceId: 'amira-phone', hlc: encodeHlc(clock), ...body };
}

describe('ingesting field events', () => {
	it('stores each event once: a resend, or a second copy in the batch, is a duplicate', async () => {
		const batch = [
			event(mine, { kind: 'clock_in', position: { lat: 51.55, lng: -0.08 } }),
			event(mine, { kind: 'checklist', item: 'Oven', done: true }),
			event(mine, { kind: 'note', text: 'Cat fed' })
		];
		const first = await ingestFieldEvents(pg.db, amira, [...batch, batch[1]]);
		expect(first.map((r) => r.status)).toEqual(['stored', 'stored', 'stored', 'duplicate']);
		const again = await ingestFieldEvents(pg.db, amira, batch);
		expect(again.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
		const rows = await pg.sql`SELECT id FROM field_events WHERE job_id = ${mine}`;
		expect(rows.map((r) => r.id).sort()).toEqual(batch.map((e) => e.id).sort());
	});

	it('keeps an event for another cleaner’s job with its reason, and leaves it out of the state', async () => {
		const e = event(theirs, { kind: 'clock_in' });
		expect(await ingestFieldEvents(pg.db, amira, [e])).toEqual([
			{
				id: e.id,
				status: 'refused',
				reason: 'This job is no longer yours: the office has given it to another cleaner'
			}
		]);
		const [row] = await pg.sql`SELECT refusal, staff_id FROM field_events WHERE id = ${e.id}`;
		expect(row).toMatchObject({ staff_id: amira.staffID });
		expect(row.refusal).toMatch(/no longer yours/);
		expect((await jobFieldState(pg.db, theirs)).status).toBe('scheduled');
	});

	it('answers a malformed event by its id, and stores nothing of it', async () => {
		const bad = { ...event(mine, { kind: 'checklist', item: '', done: 'yes' }), hlc: 'yesterday' };
		const [result] = await ingestFieldEvents(pg.db, amira, [bad]);
		expect(result).toMatchObject({ id: bad.id, status: 'invalid' });
		if (result.status === 'invalid') expect(result.reason).toMatch(/hlc.*item|item.*hlc/s);
		expect(await pg.sql`SELECT 1 FROM field_events WHERE id = ${bad.id}`).toHaveLength(0);
	});

	it('keeps how far the phone’s clock was off when it sent, for the office', async () => {
		const e = event(mine, { kind: 'note', text: 'Clock check' });
		const now = Date.now();
		await ingestFieldEvents(pg.db, amira, [e], { now, deviceNow: now - 2 * 3_600_000 });
		const [row] = await pg.sql`SELECT clock_offset_ms FROM field_events WHERE id = ${e.id}`;
		expect(row.clock_offset_ms).toBe(-2 * 3_600_000);
	});

	it('folds the stored events as the device does', async () => {
		await ingestFieldEvents(pg.db, amira, [event(mine, { kind: 'clock_out' })]);
		const rows = await pg.sql`SELECT * FROM field_events WHERE job_id = ${mine}`;
		const state = await jobFieldState(pg.db, mine);
		expect(state.status).toBe('done');
		expect(state.checklist.Oven.done).toBe(true);
		expect(state.notes.map((n) => n.text)).toEqual(['Cat fed', 'Clock check']);
		const asDevice = jobState(
			mine,
			rows.map((r) =>
				storedEvent({ id: r.id, jobId: r.job_id, kind: r.kind, payload: r.payload, hlc: r.hlc })
			)
		);
		expect(state).toEqual(asDevice);
	});

	it('takes a phone’s day of work in one request, and names a batch too large', async () => {
		const post = (body: unknown) =>
			apiFieldEvents(
				new Request('http://test/api/field/events', { method: 'POST', body: JSON.stringify(body) }),
				amira
			);
		const day = Array.from({ length: 200 }, (_, i) =>
			event(mine, { kind: 'note', text: `Note ${i}: ${'swept and mopped '.repeat(8)}` })
		);
		expect(JSON.stringify({ events: day }).length).toBeGreaterThan(16 * 1024);
		const taken = await post({ sentAt: Date.now(), events: day });
		expect(taken.status).toBe(200);
		const { data } = await taken.json();
		expect(data.results.every((r: { status: string }) => r.status === 'stored')).toBe(true);

		const huge = [event(mine, { kind: 'note', text: 'x'.repeat(4000) })];
		const tooLarge = await post({ events: Array(Math.ceil(MAX_BATCH_BYTES / 4000)).fill(huge[0]) });
		expect(tooLarge.status).toBe(413);
	});
});
