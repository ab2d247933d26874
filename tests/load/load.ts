// npm run load [-- --quick] — the one-machine cluster (tests/support/cluster.ts: PgBouncer, HAProxy,
// pm2, two web instances, zero-cache with two view-syncers, two workers) from the production build,
// loaded from this machine over loopback only, in four phases, each printing throughput, p50/p95/p99
// and errors by kind:
//   1. available-slot requests all at once, over varied days and postcodes;
//   2. bookings on an open-loop schedule, a share of them on a few hot slots (409 SLOT_TAKEN is the
//      expected refusal there), then double bookings counted straight from Postgres and the 201s
//      compared with the rows;
//   3. headless Zero clients (the office calendar, as the admin's office dashboard subscribes it),
//      started before phase 2: did each receive every booking, and how late;
//   4. faults while bookings and jobs keep coming: a worker killed, Postgres restarted, a view-syncer
//      killed; then every 201 must be a row, no job may have run twice, and the times until the
//      web app, the REST API and the Zero clients are live again are measured.
// Sizes: tests/load/options.ts (env vars or flags; the issue's figures by default). Bounded: every
// wait has a deadline, and the figures are printed, not asserted — only a broken set-up stops it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { DEMO_PASSWORD } from '../../drizzle/seed/demo-accounts.ts';
import { authContextFor } from '../../server/auth/context.ts';
import { codeForStep, secretBytes, stepAt } from '../../server/auth/totp-code.ts';
import { createDb } from '../../server/db/client.ts';
import { startTestCluster } from '../support/cluster.ts';
import { ADMIN_EMAIL, demoTotpSecret } from '../support/totp.ts';
import {
	book,
	findFreeSlots,
	londonDate,
	openLoop,
	type BookingResult,
	type FreeSlot
} from './bookings.ts';
import { startClientPool, type ClientPool } from './client-pool.ts';
import { describeOptions, loadOptions } from './options.ts';
import { errorKind, latencyLine, now, Outcomes } from './stats.ts';

const DAY = 86_400_000;
const SERVICE = 'regular-clean-2-hours';
// Districts the demo's cleaners cover, north and south: different postcodes, different cleaners.
const POSTCODES = [
	'N16 9PD',
	'N7 6PA',
	'NW5 2HR',
	'N4 3QP',
	'SW9 8EJ',
	'SE15 4QN',
	'SW11 5TB',
	'SE5 8RS'
];
// Bookings go this far ahead: phase 2's free slots need many cleaner-days.
const HORIZON_DAYS = 730;

const options = loadOptions(process.argv.slice(2));
const machine = () =>
	`load average ${loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')} on ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
const section = (title: string) => console.log(`\n== ${title} (${machine()})`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

console.log(`npm run load — ${describeOptions(options)}`);
section('starting the cluster');
// A database client's error nobody awaits (postgres.js reports a failed reconnect through
// PgBouncer that way while Postgres restarts) must not end the run: counted and printed instead.
const unhandled = new Outcomes();
process.on('unhandledRejection', (reason) => unhandled.add(errorKind(reason)));
const cluster = await startTestCluster();
console.log(`cluster up in ${seconds(cluster.coldStartMs)} (${cluster.steps.join(', ')})`);
const sql = postgres(cluster.databaseUrl, { max: 4, onnotice: () => {} });
let pool: ClientPool | undefined;
let stopping: Promise<void> | undefined;
const shutDown = () =>
	(stopping ??= (async () => {
		await pool?.close().catch(() => {});
		await sql.end({ timeout: 5 }).catch(() => {});
		await cluster.stop();
	})());
// Ctrl-C, or the whole run outliving its bound: the cluster (pm2's daemon, Postgres) goes too.
const abort = (why: string) => {
	console.log(`\nstopping: ${why}`);
	void shutDown().finally(() => process.exit(1));
};
process.once('SIGINT', () => abort('interrupted'));
process.once('SIGTERM', () => abort('terminated'));
process.once('uncaughtException', (error) => abort(`uncaught error: ${error.stack ?? error}`));
setTimeout(
	() => abort(`the run took longer than ${options.maxMinutes} minutes (--max-minutes)`),
	options.maxMinutes * 60_000
).unref();
try {
	await run();
} finally {
	await shutDown();
}

async function run() {
	const [{ id: serviceId }] = await sql<{ id: string }[]>`
		SELECT id FROM services WHERE slug = ${SERVICE}`;
	// Set-up, not load: the bookings of phases 2 and 4 need free slots that do not meet, more than
	// the demo's 60-day horizon holds.
	await sql`UPDATE business_settings SET horizon_days = ${HORIZON_DAYS} WHERE id = 1`;
	const totalBookings = Math.round(options.bookingRate * options.bookingSeconds);
	// Every `hotEvery`th booking goes to a hot slot; the others each need a free slot of their own.
	const hotEvery =
		options.hotShare > 0 && options.hotSlots > 0
			? Math.max(1, Math.round(1 / options.hotShare))
			: Infinity;
	const freeBookings = totalBookings - Math.floor(totalBookings / hotEvery);
	const faultSeconds = 45;
	const faultBookings = options.faults
		? Math.ceil(options.faultBookingRate * faultSeconds) + 40
		: 0;
	const searchStarted = now();
	const { slots, requests } = await findFreeSlots({
		appUrl: cluster.appUrl,
		serviceId,
		postcodes: POSTCODES,
		wanted: freeBookings + options.hotSlots + faultBookings,
		firstDay: 2,
		lastDay: HORIZON_DAYS,
		spacingMin: 180
	});
	if (slots.length < freeBookings + options.hotSlots + faultBookings)
		console.log(
			`only ${slots.length} of the ${freeBookings + options.hotSlots + faultBookings} slots wanted: ` +
				'the later bookings will be aimed at slots already taken and refused'
		);
	console.log(
		`set-up: ${slots.length} free slots that do not meet found with ${requests} slot requests ` +
			`in ${seconds(now() - searchStarted)} (${londonDate(2)} … ${slots.at(-1)?.start_time.slice(0, 10)})`
	);

	await phaseSlots(serviceId);

	// Phase 3's clients first: they must be watching when phase 2's bookings are made.
	const { token, refresh, context } = await signInAdmin();
	section(`phase 3: ${options.clients} headless Zero clients (office calendar, admin)`);
	const clientsStarted = now();
	pool = await startClientPool({
		cacheURL: cluster.zeroUrl,
		token,
		context,
		clients: options.clients,
		processes: Math.min(options.clientProcesses, options.clients),
		from: Date.now() - DAY,
		to: Date.now() + (HORIZON_DAYS + 2) * DAY
	});
	// Access tokens last 15 minutes; a slow full run outlives one. Renewed every 10 (retried every
	// 30 s while it fails, e.g. with Postgres down), for the clients' reconnects.
	let refreshToken = refresh;
	const renew = async () => {
		const response = await fetch(`${cluster.appUrl}/api/v1/auth/refresh/`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ refresh_token: refreshToken })
		}).catch(() => null);
		if (response?.status !== 200) {
			console.log(`token renewal failed (${response?.status ?? 'no answer'}), again in 30 s`);
			return setTimeout(renew, 30_000).unref();
		}
		const { data } = await response.json();
		refreshToken = data.refresh_token;
		pool?.token(data.access_token);
		setTimeout(renew, 600_000).unref();
	};
	setTimeout(renew, 600_000).unref();
	const status = await pool.status();
	console.log(
		`connected ${status.connected}/${options.clients} in ${seconds(now() - clientsStarted)}; ` +
			`time to connect ${latencyLine(pool.connectedMs)}` +
			(pool.failed.length ? `; not connected: ${pool.failed.slice(0, 5).join(', ')}` : '')
	);
	console.log(
		`client processes: ${status.rssMb.toFixed(0)} MB RSS in all, ` +
			`${(status.rssMb / options.clients).toFixed(1)} MB per client (heap ${status.heapMb.toFixed(0)} MB)`
	);

	const booked = await phaseBookings(
		serviceId,
		slots.splice(0, freeBookings + options.hotSlots),
		hotEvery
	);
	await phaseDelivery(pool, booked, 'phase 3: delivery of phase 2 bookings');
	if (options.faults) await phaseFaults(serviceId, slots, pool);
	section('done');
	if (unhandled.total)
		console.log(`errors nobody awaited (counted, not fatal): ${unhandled.line()}`);
}

/** The demo admin's bearer token (password and a TOTP code) and the context the server derives. */
async function signInAdmin() {
	const secret = demoTotpSecret(ADMIN_EMAIL)!;
	for (const step of [0, 1, -1, 2].map((d) => stepAt(Date.now()) + d)) {
		const response = await fetch(`${cluster.appUrl}/api/v1/auth/login/`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				email: ADMIN_EMAIL,
				password: DEMO_PASSWORD,
				totp_code: codeForStep(secretBytes(secret), step)
			})
		});
		if (response.status !== 200) continue;
		const { access_token: token, refresh_token: refresh } = (await response.json()).data as {
			access_token: string;
			refresh_token: string;
		};
		const { db, sql: direct } = createDb(cluster.databaseUrl, 1);
		const user = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, ADMIN_EMAIL) });
		const context = await authContextFor(db, user!);
		await direct.end();
		return { token, refresh, context };
	}
	throw new Error('Could not sign in as the demo admin');
}

async function phaseSlots(serviceId: string) {
	section(`phase 1: ${options.slotRequests} available-slot requests at once`);
	const outcomes = new Outcomes();
	const latencies: number[] = [];
	const started = now();
	await Promise.all(
		Array.from({ length: options.slotRequests }, async (_, i) => {
			const query = new URLSearchParams({
				service_id: serviceId,
				date: londonDate(2 + (i % 58)),
				postcode: POSTCODES[i % POSTCODES.length]
			});
			const sent = now();
			try {
				const response = await fetch(
					`${cluster.appUrl}/api/v1/bookings/available-slots/?${query}`,
					{
						signal: AbortSignal.timeout(60_000)
					}
				);
				await response.arrayBuffer();
				outcomes.add(String(response.status));
				if (response.ok) latencies.push(now() - sent);
			} catch (error) {
				outcomes.add(errorKind(error));
			}
		})
	);
	const wall = now() - started;
	console.log(
		`${outcomes.get('200')} answered 200 in ${seconds(wall)}: ` +
			`${((outcomes.get('200') * 1000) / wall).toFixed(0)} requests/s`
	);
	console.log(`latency (200s): ${latencyLine(latencies)}`);
	console.log(`outcomes: ${outcomes.line()}`);
}

async function phaseBookings(serviceId: string, slots: FreeSlot[], every: number) {
	const hot = slots.splice(0, options.hotSlots);
	section(
		`phase 2: bookings at ${options.bookingRate}/s for ${options.bookingSeconds} s, open loop, ` +
			`${Math.round(options.hotShare * 100)}% on ${hot.length} hot slots`
	);
	// The hot requests spread evenly through the run: every `every`th booking.
	let free = 0;
	let hotNo = 0;
	const loop = await openLoop(options.bookingRate, options.bookingSeconds, (i) => {
		if (i % every === every - 1)
			return book(cluster.appUrl, serviceId, hot[hotNo++ % hot.length], `p2-${i}`, true);
		// Past the free slots found (said above), a slot again: refused, and counted so.
		return book(cluster.appUrl, serviceId, slots[free++ % slots.length], `p2-${i}`);
	});
	const results = await Promise.all(loop.calls);
	const lastAnswer = Math.max(...results.map((r) => r.answeredAt));
	const firstSent = Math.min(...results.map((r) => r.sentAt));
	const created = results.filter((r) => r.kind === '201');
	console.log(
		`fired ${loop.fired}/${loop.planned} in ${loop.firedFor.toFixed(1)} s: achieved ` +
			`${(loop.fired / loop.firedFor).toFixed(1)}/s (asked ${options.bookingRate}/s); ` +
			`left late by ${latencyLine(loop.lateMs)}`
	);
	console.log(
		`${created.length} bookings made (201) in ${seconds(lastAnswer - firstSent)} from the first ` +
			`request to the last answer: ${((created.length * 1000) / (lastAnswer - firstSent)).toFixed(1)} bookings/s`
	);
	const freeOutcomes = new Outcomes();
	const hotOutcomes = new Outcomes();
	for (const r of results) (r.hot ? hotOutcomes : freeOutcomes).add(r.kind);
	console.log(`free slots: ${freeOutcomes.line()}`);
	console.log(
		`latency (free, 201): ${latencyLine(results.filter((r) => !r.hot && r.kind === '201').map((r) => r.answeredAt - r.sentAt))}`
	);
	console.log(
		`hot slots: ${hotOutcomes.line()} (expected: ${hot.length} × 201, the rest 409 SLOT_TAKEN)`
	);
	console.log(
		`latency (hot, any answer): ${latencyLine(results.filter((r) => r.hot).map((r) => r.answeredAt - r.sentAt))}`
	);
	await checkRows(results, 'p2-');
	return created;
}

/** Every 201 is a row; no rows the answers do not account for; no cleaner booked twice at once. */
async function checkRows(results: BookingResult[], customerPrefix: string) {
	const created = results.filter((r) => r.kind === '201').map((r) => r.id!);
	const [{ found }] = await sql<{ found: number }[]>`
		SELECT count(*)::int AS found FROM appointments WHERE id = ANY(${created}::uuid[])`;
	const [{ rows }] = await sql<{ rows: number }[]>`
		SELECT count(DISTINCT ca.appointment_id)::int AS rows
		FROM customer_appointments ca JOIN customers c ON c.id = ca.customer_id
		WHERE c.email LIKE ${`load.${customerPrefix}%`}`;
	const unanswered = results.filter((r) => r.kind !== '201' && !/^[45]\d\d/.test(r.kind)).length;
	console.log(
		`Postgres: ${found}/${created.length} answered bookings are rows (lost: ${created.length - found}); ` +
			`${rows} rows for this phase's customers (${rows - found} more than the 201s; ` +
			`${unanswered} requests got no HTTP answer and may have been written)`
	);
	const [{ doubles }] = await sql<{ doubles: number }[]>`
		SELECT count(*)::int AS doubles
		FROM appointments a JOIN appointments b
			ON a.staff_id = b.staff_id AND a.id < b.id
			AND a.start_time < b.end_time AND b.start_time < a.end_time
		WHERE a.status NOT IN ('cancelled', 'expired') AND b.status NOT IN ('cancelled', 'expired')`;
	console.log(
		`double bookings (overlapping active appointments of one cleaner, whole database): ${doubles}`
	);
}

/** Established TCP connections whose local port is `port` (a server's accepted clients). */
function establishedOn(port: number) {
	const out = execFileSync('ss', ['-Htn', 'state', 'established', `( sport = :${port} )`]);
	return out.toString().split('\n').filter(Boolean).length;
}

/** SIGKILL to a process and all its descendants, children first found; how many there were. */
function killTree(pid: number): number {
	let children: number[] = [];
	try {
		children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)])
			.toString()
			.split('\n')
			.map(Number)
			.filter((n) => n > 0);
	} catch {
		// ps exits with 1 when there are none.
	}
	process.kill(pid, 'SIGKILL');
	return 1 + children.reduce((n, child) => n + killTree(child), 0);
}

/** Did every client see every booking, and how long after it was made? */
async function phaseDelivery(pool: ClientPool, created: BookingResult[], title: string) {
	section(title);
	const ids = created.map((r) => r.id!);
	const times = await pool.seen(ids, options.deliveryWaitSeconds * 1000);
	const afterAnswer: number[] = [];
	const afterSend: number[] = [];
	let missing = 0;
	let complete = 0;
	for (const client of times) {
		let all = true;
		client.forEach((t, i) => {
			if (t === null) {
				missing++;
				all = false;
				return;
			}
			afterAnswer.push(t - created[i].answeredAt);
			afterSend.push(t - created[i].sentAt);
		});
		if (all) complete++;
	}
	console.log(
		`${complete}/${times.length} clients received all ${ids.length} bookings; ` +
			`${missing} (client, booking) pairs missing after waiting up to ${options.deliveryWaitSeconds} s`
	);
	console.log(`delivery after the request was sent: ${latencyLine(afterSend)}`);
	console.log(
		`delivery after the 201 answer (negative: the client saw it first): ${latencyLine(afterAnswer)}`
	);
	const status = await pool.status();
	console.log(
		`clients: ${JSON.stringify(status.states)}; ${status.rssMb.toFixed(0)} MB RSS in all ` +
			`(${(status.rssMb / times.length).toFixed(1)} MB per client)`
	);
}

async function phaseFaults(serviceId: string, slots: FreeSlot[], pool: ClientPool) {
	section(
		`phase 4: faults while bookings (${options.faultBookingRate}/s) and jobs (${options.faultJobRate}/s) keep coming`
	);
	const probes = slots.splice(0, 40);
	const pooled = postgres(cluster.pooledUrl, { max: 4, prepare: false, onnotice: () => {} });
	let stopping = false;
	const started = now();
	const at = () => seconds(now() - started);
	let bookingNo = 0;
	const bookings = openLoop(
		options.faultBookingRate,
		600,
		() => book(cluster.appUrl, serviceId, slots[bookingNo], `p4-${bookingNo++}`),
		() => stopping || bookingNo >= slots.length
	);
	const jobIds = new Set<string>();
	const jobOutcomes = new Outcomes();
	const jobs = openLoop(
		options.faultJobRate,
		600,
		async (i) => {
			try {
				const [{ id }] = await pooled<{ id: string }[]>`
					SELECT (graphile_worker.add_job('session__purge_expired', json_build_object('load', ${i}::int))).id::text`;
				jobIds.add(id);
				jobOutcomes.add('queued');
			} catch (error) {
				jobOutcomes.add(`not queued: ${(error as { code?: string }).code ?? errorKind(error)}`);
			}
		},
		() => stopping
	);
	const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
	let probeNo = 0;
	/** A booking made after a fault (retried until one is answered 201), and when every client saw it. */
	const zeroLiveAfter = async (since: number) => {
		for (;;) {
			const probe = await book(cluster.appUrl, serviceId, probes[probeNo++], `probe-${probeNo}`);
			if (probe.kind === '201') {
				const [times] = [await pool.seen([probe.id!], 60_000)];
				const seen = times.map((t) => t[0]);
				const missing = seen.filter((t) => t === null).length;
				const last = Math.max(...seen.filter((t): t is number => t !== null));
				return missing
					? `${missing} clients did not see a probe booking within 60 s`
					: seconds(last - since);
			}
			if (now() - since > 60_000 || probeNo >= probes.length)
				return 'no probe booking accepted within 60 s';
			await sleep(250);
		}
	};

	await sleep(5_000);
	const workers = await cluster.processes();
	const worker = workers.find((p) => p.name === 'worker-1')!;
	process.kill(worker.pid, 'SIGKILL');
	console.log(`${at()}: worker-1 (pid ${worker.pid}) killed with SIGKILL`);

	await sleep(5_000);
	const dropsBeforePg = (await pool.status()).drops;
	const pgStopping = now();
	const mode = await cluster.stopPostgres({ immediateAfterMs: 20_000 });
	const pgDown = now();
	console.log(
		`${at()}: Postgres stopped in ${seconds(pgDown - pgStopping)} (${mode} shutdown` +
			(mode === 'immediate'
				? ': the fast one was still waiting for zero-cache to take the unsent changes after 20 s)'
				: ')')
	);
	await sleep(2_000);
	await cluster.startPostgres();
	const pgBack = now();
	console.log(`${at()}: Postgres started again (down ${seconds(pgBack - pgDown)})`);
	const serving = async (url: string) => {
		for (;;) {
			const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
				(r) => r.ok,
				() => false
			);
			if (ok) return seconds(now() - pgBack);
			if (now() - pgBack > 60_000) return 'not within 60 s';
			await sleep(100);
		}
	};
	const query = new URLSearchParams({
		service_id: serviceId,
		date: londonDate(3),
		postcode: POSTCODES[0]
	});
	const [web, rest] = await Promise.all([
		serving(`${cluster.appUrl}/book`),
		serving(`${cluster.appUrl}/api/v1/bookings/available-slots/?${query}`)
	]);
	console.log(
		`after Postgres came back: web app (/book) serving in ${web}, REST API (available-slots) in ${rest} (target 10 s)`
	);
	const zeroAfterPg = await zeroLiveAfter(pgBack);
	console.log(
		`after Postgres came back: every Zero client saw a new booking in ${zeroAfterPg} (target 30 s)`
	);

	await sleep(3_000);
	const dropsBeforeSyncer = (await pool.status()).drops;
	console.log(
		`Zero clients that lost their connection through the Postgres restart: ${dropsBeforeSyncer - dropsBeforePg}`
	);
	// The view-syncer holding more clients (established connections on its port), with its sync
	// workers: zero-cache's children outlive a parent killed alone, still serving its clients.
	const held = cluster.viewSyncerUrls.map((url) => establishedOn(Number(new URL(url).port)));
	const victim = held.indexOf(Math.max(...held));
	const name = `view-syncer-${victim + 1}`;
	const syncer = (await cluster.processes()).find((p) => p.name === name)!;
	const killed = now();
	const pids = killTree(syncer.pid);
	console.log(
		`${at()}: ${name} (${held[victim]} of ${held.reduce((a, b) => a + b, 0)} client connections) ` +
			`killed with SIGKILL, ${pids} processes`
	);
	const zeroAfterSyncer = await zeroLiveAfter(killed);
	console.log(
		`after ${name} was killed: every Zero client saw a new booking in ${zeroAfterSyncer} (target 30 s)`
	);
	const afterKill = await pool.status();
	console.log(
		`clients then: ${JSON.stringify(afterKill.states)}, ${afterKill.drops - dropsBeforeSyncer} had ` +
			`lost their connection; their log lines so far: ${JSON.stringify(afterKill.logs)}`
	);

	await sleep(5_000);
	stopping = true;
	const [bookingLoop, jobLoop] = await Promise.all([bookings, jobs]);
	const results = await Promise.all(bookingLoop.calls);
	await Promise.all(jobLoop.calls);
	await pooled.end({ timeout: 5 }).catch(() => {});
	console.log(`${at()}: load stopped`);

	const outcomes = new Outcomes();
	for (const r of results) outcomes.add(r.kind);
	console.log(
		`bookings during the faults: ${outcomes.line()} (fired ${bookingLoop.fired} at ${(bookingLoop.fired / bookingLoop.firedFor).toFixed(1)}/s)`
	);
	console.log(
		`latency (201): ${latencyLine(results.filter((r) => r.kind === '201').map((r) => r.answeredAt - r.sentAt))}`
	);
	await checkRows(results, 'p4-');
	console.log(
		'payments: none are made by the load run (REST bookings are pending holds), so none can be lost'
	);

	// Jobs: wait for the queued ones to be worked off; a job the killed worker held stays locked
	// (Graphile Worker frees it after its lock timeout, 4 hours), which is not a job run twice.
	console.log(`jobs: ${jobOutcomes.line()}`);
	const ids = [...jobIds];
	const deadline = Date.now() + 60_000;
	let left: {
		id: string;
		locked_by: string | null;
		attempts: number;
		last_error: string | null;
	}[] = [];
	for (;;) {
		left =
			await sql`SELECT id::text, locked_by, attempts, last_error FROM graphile_worker.jobs WHERE id = ANY(${ids}::bigint[])`;
		if (left.every((j) => j.locked_by) || Date.now() > deadline) break;
		await sleep(500);
	}
	const completions = new Map<string, number>();
	for (const name of ['worker-1', 'worker-2']) {
		const log = readFileSync(join(cluster.logDir, `${name}.log`), 'utf8');
		for (const match of log.matchAll(/Completed task (\d+) \(session__purge_expired/g))
			if (jobIds.has(match[1])) completions.set(match[1], (completions.get(match[1]) ?? 0) + 1);
	}
	const twice = [...completions.values()].filter((n) => n > 1).length;
	const locked = left.filter((j) => j.locked_by);
	console.log(
		`jobs: ${completions.size}/${ids.length} completed (worker logs); ran more than once: ${twice}; ` +
			`still queued: ${left.filter((j) => !j.locked_by).length}; ` +
			`locked by a worker (the killed one's stay locked until the lock times out): ${locked.length}, ` +
			`of which the log says completed: ${locked.filter((j) => completions.has(j.id)).length} ` +
			'(the row outlived the work: Graphile Worker would run it again once the lock expires)' +
			(left.some((j) => j.last_error)
				? `; last errors: ${[...new Set(left.map((j) => j.last_error).filter(Boolean))].slice(0, 3).join(' | ')}`
				: '')
	);

	await phaseDelivery(
		pool,
		results.filter((r) => r.kind === '201'),
		'phase 4: delivery of the bookings made during the faults'
	);
}
