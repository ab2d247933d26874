// The production layout on one machine (npm run start:cluster), proven: a booking made through one
// web instance reaches a Zero client on the other view-syncer; two workers share a burst of jobs,
// each done once; a view-syncer and a web instance stopped while writes go on lose none of them;
// pm2 brings back a process that died; while Postgres is down the app says so (503), and once
// Postgres is back the app serves again and Zero clients see new bookings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Zero } from '@rocicorp/zero';
import { DEMO_PASSWORD } from '../../drizzle/seed/demo-accounts.ts';
import { authContextFor } from '../../server/auth/context.ts';
import { createDb } from '../../server/db/client.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { mutators } from '../../sync/mutators/index.ts';
import { queries } from '../../sync/queries/index.ts';
import { schema } from '../../sync/schema.ts';
import { startTestCluster } from '../support/cluster.ts';
import { waitFor } from '../../server/runtime/processes.ts';
import { reconnectAfterErrors } from '../../src/lib/zero/reconnect.ts';

type Cluster = Awaited<ReturnType<typeof startTestCluster>>;
type Client = Zero<typeof schema, undefined, AuthContext | undefined>;
type Slot = { start_time: string; staff_ids: string[] };

const MANAGER = 'north.manager@valclean.test';
const DAY = 86_400_000;

let cluster: Cluster;
let sql: postgres.Sql;
let serviceId: string;
let token: string;
let context: AuthContext;
const clients: Client[] = [];
// Free slots on distinct days, so that no two bookings of the test meet.
const slots: Slot[] = [];

beforeAll(async () => {
	cluster = await startTestCluster();
	console.log(
		`cluster cold start: ${(cluster.coldStartMs / 1000).toFixed(1)} s (${cluster.steps.join(', ')})`
	);
	sql = postgres(cluster.databaseUrl, { max: 2, onnotice: () => {} });
	[{ id: serviceId }] = await sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
	const login = await fetch(`${cluster.appUrl}/api/v1/auth/login/`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email: MANAGER, password: DEMO_PASSWORD })
	});
	expect(login.status).toBe(200);
	token = (await login.json()).data.access_token;
	const { db, sql: direct } = createDb(cluster.databaseUrl, 1);
	// The device runs queries with the same context the server derives from the token.
	const user = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, MANAGER) });
	context = await authContextFor(db, user!);
	await direct.end();
	for (let days = 2; slots.length < 12 && days < 60; days++) {
		const slot = await slotOn(days);
		if (slot) slots.push(slot);
	}
	expect(slots.length).toBe(12);
});

afterAll(async () => {
	for (const z of clients) await z.close();
	await sql?.end();
	await cluster?.stop();
});

/** The first slot of the London day `days` ahead whose cleaner this manager manages. */
async function slotOn(days: number): Promise<Slot | null> {
	const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
		Date.now() + days * DAY
	);
	const query = new URLSearchParams({ service_id: serviceId, date, postcode: 'N16 9PD' });
	const response = await fetch(`${cluster.appUrl}/api/v1/bookings/available-slots/?${query}`);
	const found: Slot[] = (await response.json()).data.slots;
	const office = context.office;
	const mine = (id: string) => office?.all || office?.staffIDs.includes(id);
	for (const slot of found) {
		const staff = slot.staff_ids.find(mine);
		if (staff) return { start_time: slot.start_time, staff_ids: [staff] };
	}
	return null;
}

/** A booking through `baseUrl` (a web instance, or the load balancer): its id, or the refusal. */
async function book(baseUrl: string, slot: Slot): Promise<string> {
	const response = await fetch(`${baseUrl}/api/v1/bookings/`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			service_id: serviceId,
			start_time: slot.start_time,
			staff_id: slot.staff_ids[0],
			customer: {
				name: 'Cluster Customer',
				email: 'cluster.customer@example.com',
				phone: '07700 900321',
				address_line1: '1 Albion Road',
				city: 'London',
				postcode: 'N16 9PD'
			}
		})
	});
	const body = await response.text();
	if (response.status !== 201) throw new Error(`booking refused (${response.status}): ${body}`);
	return JSON.parse(body).data.id as string;
}

/** A Node Zero client signed in as the manager by bearer token, watching the next two months. */
function officeClient(cacheURL: string) {
	const z: Client = new Zero<typeof schema, undefined, AuthContext | undefined>({
		cacheURL,
		userID: context.userID,
		auth: token,
		schema,
		mutators,
		kvStore: 'mem',
		// Each its own client group, as two devices are (one group would be one CVR, which two
		// view-syncers would take from each other).
		storageKey: `cluster-test-${clients.length}`,
		context
	});
	clients.push(z);
	reconnectAfterErrors(z.connection);
	const view = z.materialize(
		queries.appointments.officeCalendar({ from: Date.now() - DAY, to: Date.now() + 90 * DAY })
	);
	let ids = new Set<string>();
	// Times the client lost a connection it had (its view-syncer went away): it then reconnects
	// through the load balancer, to whichever view-syncer is left.
	let wasConnected = false;
	let drops = 0;
	z.connection.state.subscribe((state) => {
		if (state.name === 'connected') wasConnected = true;
		else if (wasConnected) {
			wasConnected = false;
			drops++;
		}
	});
	view.addListener((rows) => {
		ids = new Set((rows as readonly { id: string }[]).map((r) => r.id));
	});
	return {
		z,
		sees: (id: string) => ids.has(id),
		drops: () => drops,
		state: () => z.connection.state.current.name,
		/** Resolves once every id is in the client's view, or fails naming what it lacks. */
		async waitForAll(wanted: string[], ms = 30_000) {
			await waitFor(
				`${wanted.filter((id) => !ids.has(id)).length} booking(s) in a client on ${cacheURL}`,
				async () => wanted.every((id) => ids.has(id)),
				ms
			);
		}
	};
}

describe('the cluster', () => {
	test('a booking through web instance A appears live in a client of the other view-syncer', async () => {
		const client = officeClient(cluster.viewSyncerUrls[1]);
		await waitFor('the client to connect', async () => client.state() === 'connected', 30_000);
		const started = performance.now();
		const id = await book(cluster.webUrls[0], slots.shift()!);
		const answered = performance.now();
		await client.waitForAll([id], 20_000);
		const seen = performance.now();
		console.log(
			`booking through web A: answered in ${(answered - started).toFixed(0)} ms, ` +
				`on view-syncer 2's client ${(seen - answered).toFixed(0)} ms after the answer`
		);
		const [row] = await sql`SELECT status FROM appointments WHERE id = ${id}`;
		expect(row).toBeDefined();
	});

	test('two workers share a burst of 200 jobs, each done exactly once', async () => {
		// Queued through PgBouncer, as the web instances queue theirs: the NOTIFY on commit still
		// reaches the workers, who listen on direct connections.
		const pooled = postgres(cluster.pooledUrl, { max: 4, prepare: false, onnotice: () => {} });
		const started = performance.now();
		const queued = await pooled<{ id: string }[]>`
			SELECT (graphile_worker.add_job('session__purge_expired', json_build_object('n', n))).id::text
			FROM generate_series(1, 200) AS n`;
		await pooled.end();
		const ids = new Set(queued.map((j) => j.id));
		expect(ids.size).toBe(200);
		await waitFor(
			'the burst to be worked off',
			async () => {
				const [{ left }] = await sql`SELECT count(*)::int AS left FROM graphile_worker.jobs
					WHERE id = ANY(${[...ids]}::bigint[])`;
				return left === 0;
			},
			60_000
		);
		console.log(`200 jobs by two workers: ${(performance.now() - started).toFixed(0)} ms`);
		// Each worker's own log: Graphile Worker's "Completed task <id> (…) with success" lines.
		const done = new Map<string, string[]>();
		for (const worker of ['worker-1', 'worker-2']) {
			const lines = readFileSync(join(cluster.logDir, `${worker}.log`), 'utf8').split('\n');
			for (const line of lines) {
				const match = /Completed task (\d+) \(session__purge_expired/.exec(line);
				if (match && ids.has(match[1])) done.set(match[1], [...(done.get(match[1]) ?? []), worker]);
			}
		}
		expect(done.size).toBe(200);
		expect([...done.values()].filter((by) => by.length !== 1)).toEqual([]);
		const byWorker = (w: string) => [...done.values()].filter((by) => by[0] === w).length;
		console.log(`worker-1 did ${byWorker('worker-1')}, worker-2 did ${byWorker('worker-2')}`);
		expect(byWorker('worker-1')).toBeGreaterThan(0);
		expect(byWorker('worker-2')).toBeGreaterThan(0);
	});

	test('stopping a view-syncer and a web instance while writing moves their clients without losing a write', async () => {
		// Through the load balancer: least connections puts the two clients on different view-syncers.
		const a = officeClient(cluster.zeroUrl);
		await waitFor('client A to connect', async () => a.state() === 'connected', 30_000);
		const b = officeClient(cluster.zeroUrl);
		await waitFor('client B to connect', async () => b.state() === 'connected', 30_000);
		const noteTarget = await book(cluster.appUrl, slots.shift()!);
		await Promise.all([a.waitForAll([noteTarget]), b.waitForAll([noteTarget])]);

		const booked: string[] = [];
		const refused: string[] = [];
		const writing = (async () => {
			for (const slot of slots.splice(0, 8)) {
				await book(cluster.appUrl, slot).then(
					(id) => booked.push(id),
					(error: Error) =>
						refused.push(
							`${error.message} ${error.cause instanceof Error ? error.cause.message : ''}`
						)
				);
				await new Promise((r) => setTimeout(r, 400));
			}
		})();
		const stopped = performance.now();
		await Promise.all([cluster.pm2(['stop', 'view-syncer-1']), cluster.pm2(['stop', 'web-1'])]);
		console.log(
			`view-syncer 1 and web 1 stopped in ${(performance.now() - stopped).toFixed(0)} ms`
		);
		// A write from each Zero client while its view-syncer may be gone: queued, then sent.
		const notes = await Promise.all(
			[a, b].map(
				(c, i) =>
					c.z.mutate(
						mutators.appointments.updateInternalNotes({
							id: noteTarget,
							internalNotes: `written by client ${i + 1} during the failover`
						})
					).server
			)
		);
		await writing;
		expect(refused).toEqual([]);
		expect(booked).toHaveLength(8);
		for (const result of notes) expect(result.type).not.toBe('error');
		await Promise.all([a.waitForAll(booked), b.waitForAll(booked)]);
		// The client that was on view-syncer 1 lost it and came back through the load balancer.
		expect(a.drops() + b.drops()).toBeGreaterThan(0);
		expect([a.state(), b.state()]).toEqual(['connected', 'connected']);
		console.log(
			`clients live again, every booking seen: ${(performance.now() - stopped).toFixed(0)} ms`
		);
		const [{ count }] =
			await sql`SELECT count(*)::int FROM appointments WHERE id = ANY(${booked}::uuid[])`;
		expect(count).toBe(8);
		const [note] =
			await sql`SELECT internal_notes FROM appointment_notes WHERE appointment_id = ${noteTarget}`;
		expect(note.internal_notes).toMatch(/written by client \d during the failover/);
		const states = await cluster.processes();
		expect(states.find((p) => p.name === 'view-syncer-1')?.status).toBe('stopped');
		expect(states.find((p) => p.name === 'web-1')?.status).toBe('stopped');
	});

	test('pm2 restarts a worker that dies', async () => {
		const before = (await cluster.processes()).find((p) => p.name === 'worker-2')!;
		process.kill(before.pid, 'SIGKILL');
		await waitFor(
			'pm2 to bring worker-2 back',
			async () => {
				const now = (await cluster.processes()).find((p) => p.name === 'worker-2')!;
				return now.status === 'online' && now.pid !== before.pid && now.pid > 0;
			},
			30_000
		);
		const after = (await cluster.processes()).find((p) => p.name === 'worker-2')!;
		expect(after.restarts).toBe(before.restarts + 1);
	});

	test('while Postgres is down the app answers 503 with Retry-After; once it is back the app serves and Zero clients are live again', async () => {
		const [slot, later] = slots.splice(0, 2);
		const client = officeClient(cluster.zeroUrl);
		await waitFor('the client to connect', async () => client.state() === 'connected', 30_000);
		const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
			new Date(slot.start_time)
		);
		const query = new URLSearchParams({ service_id: serviceId, date, postcode: 'N16 9PD' });
		const slotsUrl = `${cluster.appUrl}/api/v1/bookings/available-slots/?${query}`;
		expect((await fetch(slotsUrl)).status).toBe(200);

		await cluster.stopPostgres({ immediateAfterMs: 10_000 });
		try {
			const rest = await fetch(slotsUrl, { signal: AbortSignal.timeout(20_000) });
			expect(rest.status).toBe(503);
			expect(rest.headers.get('retry-after')).toBe('5');
			expect((await rest.json()).error.code).toBe('SERVICE_UNAVAILABLE');
			const page = await fetch(`${cluster.appUrl}/book`, { signal: AbortSignal.timeout(20_000) });
			expect(page.status).toBe(503);
			expect(await page.text()).toMatch(/briefly unavailable; nothing was saved/);
		} finally {
			await cluster.startPostgres();
		}
		const back = performance.now();
		await waitFor(
			'the REST API to serve again',
			async () => (await fetch(slotsUrl).catch(() => null))?.status === 200,
			10_000
		);
		console.log(
			`REST API serving again ${(performance.now() - back).toFixed(0)} ms after Postgres was back`
		);
		// A booking made now reaches the Zero client, which Postgres's restart had put in its error
		// state (the app's reconnect brings it back, as in the office and field apps).
		const ids = [await book(cluster.appUrl, slot), await book(cluster.appUrl, later)];
		await client.waitForAll(ids, 30_000);
		console.log(
			`Zero client live again, both new bookings seen: ${(performance.now() - back).toFixed(0)} ms after Postgres was back`
		);
	});
});
