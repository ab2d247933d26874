import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from '@rocicorp/zero-sqlite3';
import { eq } from 'drizzle-orm';
import { makeWorkerUtils, runOnce } from 'graphile-worker';
import postgres from 'postgres';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../drizzle/schema.ts';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import { encodeHlc, tick, type Hlc } from '../../sync/domain/hlc.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { freePortRange } from '../../tests/support/ports.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import { temporaryDataDir } from '../../tests/support/stack.ts';
import { apiCreateBooking } from '../api/booking-create.ts';
import { apiConfirmPayment, apiCreatePaymentIntent } from '../api/payments.ts';
import { authContextFor } from '../auth/context.ts';
import { searchSlots } from '../booking/availability.ts';
import { closeDatabase } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { ingestFieldEvents } from '../field/ingest.ts';
import type { Child } from '../runtime/processes.ts';
import { startZeroCache } from '../runtime/zero-cache.ts';
import { quietLogger } from '../worker/logger.ts';
import { backupDatabase } from './backup.ts';
import { restoreDatabase } from './restore.ts';
import { replicaFileFor } from './zero-state.ts';

// The disaster drill: a company's day of bookings, a payment and a cleaner's field work, with
// zero-cache replicating as in production; back up, lose the database, restore into a new empty
// one, and find every row as it was — then zero-cache and the job queue working on the restored
// database. The restore's duration is printed: it is the RTO figure quoted in docs/deploy.md.

let pg: TestDatabase;
let dataDir: string;
let backupDir: string;
let zeroCache: Child | undefined;
let zeroPort: number;
const zeroLog: string[] = [];

const postJson = (body: unknown) =>
	new Request('http://test/', { method: 'POST', body: JSON.stringify(body) });
const daysAhead = (n: number) => addDays(localDate(Date.now(), 'Europe/London'), n);

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 90_000) {
	const until = Date.now() + ms;
	for (;;) {
		const found = await probe().catch(() => undefined);
		if (found !== undefined) return found;
		if (Date.now() > until)
			throw new Error(`timed out waiting for ${what}\n${zeroLog.slice(-30).join('\n')}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

function startZero() {
	zeroCache = startZeroCache({
		databaseUrl: pg.url,
		dataDir,
		port: zeroPort,
		// No client connects in this test: the query and mutate endpoints are never called.
		appUrl: 'http://127.0.0.1:9',
		output: (line) => zeroLog.push(line)
	});
}

/** The booking ids in zero-cache's replica, once it has copied the database. */
function replicaAppointmentIds(): string[] | undefined {
	const file = replicaFileFor(dataDir);
	if (!existsSync(file)) return undefined;
	const replica = new Database(file, { readonly: true });
	try {
		return (replica.prepare('SELECT id FROM appointments').all() as { id: string }[]).map(
			(r) => r.id
		);
	} finally {
		replica.close();
	}
}

async function book(slug: string, day: number, email: string) {
	const [{ id: serviceId }] = await pg.sql`SELECT id FROM services WHERE slug = ${slug}`;
	let slot: { start: number; staffIds: string[] } | undefined;
	for (let d = day; !slot && d < day + 7; d++) {
		const found = await searchSlots(pg.db, {
			serviceId,
			date: daysAhead(d),
			postcode: 'N16 9PD',
			now: Date.now()
		});
		if (!found.ok) throw new Error(found.message);
		slot = found.slots[0];
	}
	if (!slot) throw new Error(`no free ${slug} within a week of day ${day}`);
	const response = await apiCreateBooking(
		postJson({
			service_id: serviceId,
			start_time: new Date(slot.start).toISOString(),
			staff_id: slot.staffIds[0],
			customer: {
				name: 'Drill Customer',
				email,
				phone: '07700 900321',
				address_line1: '12 Albion Road',
				city: 'London',
				postcode: 'N16 9PD'
			}
		}),
		undefined
	);
	expect(response.status).toBe(201);
	return (await response.json()).data as {
		id: string;
		cancellation_token: string;
	};
}

/**
 * Every row of every table the app owns (our tables, the migrations journal, Graphile Worker's
 * queue) and every sequence's position, in a stable order: the whole state, not counts.
 */
async function everything(sql: postgres.Sql) {
	const tables = await sql<{ schema: string; name: string }[]>`
		SELECT schemaname AS schema, tablename AS name FROM pg_tables
		WHERE schemaname IN ('public', 'drizzle', 'graphile_worker') ORDER BY 1, 2`;
	const rows: Record<string, string[]> = {};
	for (const t of tables) {
		const found = await sql.unsafe<{ row: string }[]>(
			`SELECT to_jsonb(t)::text AS row FROM "${t.schema}"."${t.name}" t ORDER BY 1`
		);
		rows[`${t.schema}.${t.name}`] = found.map((r) => r.row);
	}
	const sequences = await sql`
		SELECT schemaname, sequencename, last_value FROM pg_sequences
		WHERE schemaname IN ('public', 'drizzle', 'graphile_worker') ORDER BY 1, 2`;
	return { rows, sequences: sequences.map((s) => ({ ...s })) };
}

beforeAll(async () => {
	pg = await startTestDatabase();
	process.env.DATABASE_URL = pg.url;
	await seedQuietDiary(pg.url);
	dataDir = await temporaryDataDir();
	backupDir = await mkdtemp(join(tmpdir(), 'valclean-backups-'));
	zeroPort = await freePortRange(3);
	startZero();
}, 120_000);

afterAll(async () => {
	await zeroCache?.stop();
	await closeDatabase();
	await pg?.stop();
	await rm(dataDir, { recursive: true, force: true });
	await rm(backupDir, { recursive: true, force: true });
});

describe('the backup and restore drill', () => {
	it('brings back every booking, payment and field event into an empty database, with Zero and the job queue working', async () => {
		// zero-cache replicating: its schemas, event triggers and slot are in the database.
		await waitFor('zero-cache to copy the database', async () => replicaAppointmentIds());

		const made = [
			await book('regular-clean-2-hours', 7, 'drill.one@example.com'),
			await book('deep-clean-flat', 8, 'drill.two@example.com'),
			await book('regular-clean-2-hours', 9, 'drill.three@example.com')
		];
		const paid = made[1];
		const intent = await apiCreatePaymentIntent(
			postJson({ booking_id: paid.id, token: paid.cancellation_token }),
			undefined
		);
		expect(intent.status).toBe(201);
		const confirmed = await apiConfirmPayment(
			postJson({
				booking_id: paid.id,
				payment_intent_id: (await intent.json()).data.payment_intent_id,
				token: paid.cancellation_token
			}),
			undefined
		);
		expect(confirmed.status).toBe(200);

		const [amiraUser] = await pg.db
			.select()
			.from(users)
			.where(eq(users.email, 'amira@valclean.test'));
		const amira = await authContextFor(pg.db, amiraUser);
		const [{ id: job }] =
			await pg.sql`SELECT id FROM appointments WHERE staff_id = ${amira.staffID} LIMIT 1`;
		let clock: Hlc | null = null;
		const fieldEvent = (body: Record<string, unknown>) => {
			clock = tick(clock, Date.now(), 'amira-phone');
			return { id: uuidv7(), jobId: job, deviceId: 'amira-phone', hlc: encodeHlc(clock), ...body };
		};
		const events = [
			fieldEvent({ kind: 'clock_in', position: { lat: 51.55, lng: -0.08 } }),
			fieldEvent({ kind: 'checklist', item: 'Oven', done: true }),
			fieldEvent({ kind: 'note', text: 'Back door sticks' })
		];
		const stored = await ingestFieldEvents(pg.db, amira, events);
		expect(stored.map((s) => s.status)).toEqual(['stored', 'stored', 'stored']);

		// The replica has caught up with the new bookings: Zero's state is current at backup time.
		await waitFor('the bookings to reach the replica', async () => {
			const ids = replicaAppointmentIds() ?? [];
			return made.every((m) => ids.includes(m.id)) ? true : undefined;
		});
		const zeroSchemas = await pg.sql`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'zero%'`;
		expect(zeroSchemas.map((s) => s.nspname)).toEqual(expect.arrayContaining(['zero', 'zero_0']));

		const before = await everything(pg.sql);
		// What the drill made is in that state, so the comparison below is about these rows too.
		const appointmentRows = before.rows['public.appointments'].join('\n');
		for (const m of made) expect(appointmentRows).toContain(m.id);
		const [payment] = await pg.sql`
			SELECT p.id FROM payments p JOIN customer_appointments ca ON ca.id = p.customer_appointment_id
			WHERE ca.appointment_id = ${paid.id} AND p.status = 'succeeded'`;
		expect(before.rows['public.payments'].join('\n')).toContain(payment.id);
		for (const e of events) expect(before.rows['public.field_events'].join('\n')).toContain(e.id);

		const backup = await backupDatabase({
			url: pg.url,
			dir: backupDir,
			policy: { daily: 7, weekly: 4 }
		});
		expect(await readdir(backupDir)).toEqual([backup.file.split('/').pop()]);

		// The disaster: zero-cache stops, the database is lost (its slot with it), and an empty one
		// of the same name replaces it.
		await zeroCache!.stop();
		zeroCache = undefined;
		await closeDatabase();
		await pg.sql.end({ timeout: 2 });
		const admin = postgres(pg.url.replace(/\/valclean$/, '/postgres'), {
			max: 1,
			onnotice: () => {}
		});
		try {
			await admin`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
				WHERE database = 'valclean'`;
			await admin`DROP DATABASE valclean WITH (FORCE)`;
			await admin`CREATE DATABASE valclean`;
		} finally {
			await admin.end();
		}
		expect(existsSync(replicaFileFor(dataDir))).toBe(true);
		// Zero state already in the empty database (a zero-cache pointed at it too early): the
		// restore drops it, since it belongs to no replica of the restored data.
		const early = postgres(pg.url, { max: 1, onnotice: () => {} });
		try {
			await early`CREATE SCHEMA "zero_0/cdc"`;
			await early`CREATE PUBLICATION _zero_metadata_0`;
			await early`SELECT pg_create_logical_replication_slot('zero_0_early', 'pgoutput')`;
		} finally {
			await early.end();
		}

		const restored = await restoreDatabase({
			url: pg.url,
			file: backup.file,
			dataDir
		});
		console.log(
			`backup drill: dump ${(backup.bytes / 1024).toFixed(0)} KB in ${backup.ms.toFixed(0)} ms; ` +
				`restore into an empty database ${restored.ms.toFixed(0)} ms`
		);
		expect(restored.droppedZeroState).toEqual([
			'replication slot zero_0_early',
			'publication _zero_metadata_0',
			'schema zero_0/cdc'
		]);
		// pg_dump writes Zero's event triggers and publication whatever schemas are left out.
		expect(restored.leftOut.sort()).toEqual([
			'event trigger zero_ddl_end_0',
			'event trigger zero_ddl_start_0',
			'publication _zero_metadata_0'
		]);
		expect(restored.replicaFilesRemoved.length).toBeGreaterThan(0);
		expect(existsSync(replicaFileFor(dataDir))).toBe(false);

		// What `npm run dev` / `npm start` do first on the restored database: nothing to migrate.
		await migrateDatabase(pg.url);
		const sql = postgres(pg.url, { max: 2, onnotice: () => {} });
		try {
			expect(await everything(sql)).toEqual(before);
			const schemas = await sql`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'zero%'`;
			expect(schemas).toHaveLength(0);
			expect(await sql`SELECT slot_name FROM pg_replication_slots`).toHaveLength(0);
			const publications = await sql`SELECT pubname FROM pg_publication ORDER BY 1`;
			expect(publications.map((p) => p.pubname)).toEqual(['zero_data']);

			// A second restore into the now full database is refused, changing nothing.
			await expect(restoreDatabase({ url: pg.url, file: backup.file })).rejects.toThrow(
				/not empty \(\d+ table\(s\) in drizzle, \d+ table\(s\) in graphile_worker, \d+ table\(s\) in public\)/
			);

			// Graphile Worker's queue works on the restored schema: a job added now runs once.
			let ran = 0;
			const utils = await makeWorkerUtils({ connectionString: pg.url, logger: quietLogger });
			try {
				await utils.addJob('drill__ping', { n: 1 });
			} finally {
				await utils.release();
			}
			await runOnce({
				connectionString: pg.url,
				logger: quietLogger,
				taskList: { drill__ping: async () => void ran++ }
			});
			expect(ran).toBe(1);
			const [{ left }] =
				await sql`SELECT count(*)::int AS left FROM graphile_worker.jobs WHERE task_identifier = 'drill__ping'`;
			expect(left).toBe(0);
		} finally {
			await sql.end();
		}

		// zero-cache starts on the restored database from scratch and serves the restored bookings.
		const zeroStarted = performance.now();
		startZero();
		await waitFor('zero-cache to replicate the restored database', async () => {
			const ids = replicaAppointmentIds() ?? [];
			return made.every((m) => ids.includes(m.id)) ? true : undefined;
		});
		console.log(
			`backup drill: zero-cache's new replica served the restored bookings after ` +
				`${(performance.now() - zeroStarted).toFixed(0)} ms`
		);
	}, 240_000);
});
