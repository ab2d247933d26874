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
// Sizes: tests/load/options.ts (env vars or flags; the figures by default). Bounded: every
// wait has a deadline, and the figures are printed, not asserted — only a broken set-up stops it.
import postgres from 'postgres';
import { DEMO_PASSWORD } from '../../drizzle/seed/demo-accounts.ts';
import { authContextFor } from '../../server/auth/context.ts';
import { codeForStep, secretBytes, stepAt } from '../../server/auth/totp-code.ts';
import { createDb } from '../../server/db/client.ts';
import { startTestCluster } from '../support/cluster.ts';
import { ADMIN_EMAIL, demoTotpSecret } from '../support/totp.ts';
import { findFreeSlots, londonDate } from './bookings.ts';
import { phaseDelivery } from './checks.ts';
import { startClientPool, type ClientPool } from './client-pool.ts';
import { phaseFaults } from './faults.ts';
import { describeOptions, loadOptions } from './options.ts';
import { phaseBookings, phaseSlots } from './phases.ts';
import { POSTCODES, section, seconds, type LoadRun } from './run.ts';
import { errorKind, latencyLine, now, Outcomes } from './stats.ts';

const DAY = 86_400_000;
const SERVICE = 'regular-clean-2-hours';
// Bookings go this far ahead: phase 2's free slots need many cleaner-days.
const HORIZON_DAYS = 730;

const options = loadOptions(process.argv.slice(2));

console.log(`npm run load — ${describeOptions(options)}`);
section('starting the cluster');
// A database client's error nobody awaits (postgres.js reports a failed reconnect through
// PgBouncer that way while Postgres restarts) must not end the run: counted and printed instead.
const unhandled = new Outcomes();
process.on('unhandledRejection', (reason) => unhandled.add(errorKind(reason)));
const cluster = await startTestCluster();
console.log(`cluster up in ${seconds(cluster.coldStartMs)} (${cluster.steps.join(', ')})`);
const sql = postgres(cluster.databaseUrl, { max: 4, onnotice: () => {} });
const loadRun: LoadRun = { cluster, sql, options };
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

	await phaseSlots(loadRun, serviceId);

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
		loadRun,
		serviceId,
		slots.splice(0, freeBookings + options.hotSlots),
		hotEvery
	);
	await phaseDelivery(loadRun, pool, booked, 'phase 3: delivery of phase 2 bookings');
	if (options.faults) await phaseFaults(loadRun, serviceId, slots, pool);
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
