// npm run bench:slots — how fast the available-slots endpoint answers for 20 busy cleaners, and how
// much of that is the slot computation itself. Runs the production build (run `npm run build`
// first) with the whole stack, grows the demo company to 20 cleaners who all offer one service in
// one district with a month of bookings, then times:
//   - GET /api/v1/bookings/available-slots/ for 30 consecutive days, 4 rounds, in order, one at a
//     time (the first round is each day's first request: no warm-up beforehand);
//   - searchSlots() in this process (the endpoint's queries and computation, no HTTP);
//   - availableSlots() on data loaded beforehand (the pure computation), without and with travel
//     (each job's place and each cleaner's home, as the endpoint now runs it).
// Targets (issue): p95 under 50 ms per day end to end; pure computation under 5 ms per day.
// The figures are printed, never asserted.
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { searchSlots } from '../../server/booking/availability.ts';
import { createDb } from '../../server/db/client.ts';
import { availableSlots } from '../../sync/domain/availability.ts';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import { startTestStack } from '../support/stack.ts';
import {
	BENCH_AREA,
	BENCH_SERVICE,
	loadDayInputs,
	seedBenchMonth,
	waitForReplication
} from './slots-data.ts';
import { report, summarise } from './stats.ts';

const DAYS = 30;
const HTTP_ROUNDS = Number(process.env.ROUNDS ?? 4);
const PURE_ROUNDS = Number(process.env.PURE_ROUNDS ?? 20);
const POSTCODE = 'N16 9PD';
const TIME_ZONE = 'Europe/London';

const weekday = (date: string) =>
	new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' });

/** `label: median 0.412 ms, p95 0.733 ms, max 1.204 ms (n=300)` */
function ms(label: string, values: number[]) {
	const s = summarise(values);
	const f = (v: number) => `${v.toFixed(3)} ms`;
	console.log(`${label}: median ${f(s.median)}, p95 ${f(s.p95)}, max ${f(s.max)} (n=${s.n})`);
}

const started = performance.now();
const stack = await startTestStack('start');
// Plain postgres.js for the seeding (drizzle's client hands timestamps back as text).
const sql = postgres(stack.databaseUrl, { max: 2, onnotice: () => {} });
const app = createDb(stack.databaseUrl, 4);
const db = app.db;
try {
	console.log(`stack up in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	// The 30 days from tomorrow: today is mostly inside the minimum notice.
	const today = localDate(Date.now(), TIME_ZONE);
	const dates = Array.from({ length: DAYS }, (_, i) => addDays(today, i + 1));

	const seedStart = performance.now();
	const seeded = await seedBenchMonth(sql, dates, TIME_ZONE);
	const jobs = [0, 1, 2, 3, 4].map((n) => `${n}: ${seeded.perDay.filter((c) => c === n).length}`);
	console.log(
		`seeded in ${(performance.now() - seedStart).toFixed(0)} ms: ${seeded.cleaners} cleaners, ` +
			`${seeded.added} bookings added, ${dates[0]} … ${dates.at(-1)}; ` +
			`${seeded.workingDays} cleaner working days by jobs that day (${jobs.join(', ')})`
	);
	// Let zero-cache replicate the bulk insert first: a real request does not share the CPU with that.
	console.log(`zero-cache caught up after ${await waitForReplication(sql)} ms`);
	const [{ id: serviceId }] = await sql<{ id: string }[]>`
		SELECT id FROM services WHERE slug = ${BENCH_SERVICE}`;

	// End to end, first: nothing below has touched the endpoint's rows yet.
	const latencies: number[][] = [];
	const slotCounts: number[] = [];
	/** Per day, the (start, cleaner) pairs offered: each slot lists every cleaner free for it. */
	const offers: number[] = [];
	for (let round = 0; round < HTTP_ROUNDS; round++) {
		const times: number[] = [];
		for (const date of dates) {
			const url = `${stack.appUrl}/api/v1/bookings/available-slots/?${new URLSearchParams({
				service_id: serviceId,
				date,
				postcode: POSTCODE
			})}`;
			const t0 = performance.now();
			const response = await fetch(url);
			const body = (await response.json()) as {
				success: boolean;
				data?: { slots: { staff_ids: string[] }[] };
			};
			times.push(performance.now() - t0);
			if (response.status !== 200 || !body.success || !body.data) {
				throw new Error(`${date}: HTTP ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
			}
			if (round === 0) {
				slotCounts.push(body.data.slots.length);
				offers.push(body.data.slots.reduce((sum, slot) => sum + slot.staff_ids.length, 0));
			}
		}
		latencies.push(times);
	}

	// The same rows, read once, for the pure computation.
	const loaded = await loadDayInputs(db, BENCH_SERVICE, POSTCODE, dates, Date.now());
	if (loaded.staffIds.length !== 20) {
		throw new Error(`expected 20 cleaners covering ${POSTCODE}, got ${loaded.staffIds.length}`);
	}
	const pure: number[] = [];
	const pureCounts: number[] = [];
	for (let round = 0; round < PURE_ROUNDS; round++) {
		for (const input of loaded.inputs) {
			const t0 = performance.now();
			const slots = availableSlots(input);
			pure.push(performance.now() - t0);
			if (round === 0) pureCounts.push(slots.length);
		}
	}

	// The same, travel-aware: each cleaner's jobs have places and they have a home (the server's rule).
	const pureTravel: number[] = [];
	const travelCounts: number[] = [];
	for (let round = 0; round < PURE_ROUNDS; round++) {
		for (const input of loaded.travelInputs) {
			const t0 = performance.now();
			const slots = availableSlots(input);
			pureTravel.push(performance.now() - t0);
			if (round === 0) travelCounts.push(slots.length);
		}
	}

	// The endpoint's own work without HTTP: its queries and the computation, from this process.
	const inProcess: number[] = [];
	for (let round = 0; round < HTTP_ROUNDS; round++) {
		for (const date of dates) {
			const t0 = performance.now();
			const found = await searchSlots(db, {
				serviceId,
				date,
				postcode: POSTCODE,
				now: Date.now()
			});
			inProcess.push(performance.now() - t0);
			if (!found.ok) throw new Error(`${date}: ${found.message}`);
		}
	}

	// For scale: one trivial round trip to Postgres from this process.
	const roundTrip: number[] = [];
	for (let i = 0; i < 120; i++) {
		const t0 = performance.now();
		await app.sql`SELECT 1`;
		roundTrip.push(performance.now() - t0);
	}

	const all = latencies.flat();
	console.log('');
	console.log(
		`${loaded.staffIds.length} cleaners offer ${BENCH_SERVICE} and cover ${POSTCODE} (${BENCH_AREA} within 10 km); ` +
			`${dates.length} days × ${HTTP_ROUNDS} rounds`
	);
	ms(`slots pure (20 cleaners, 1 day)`, pure);
	ms(`slots pure, travel-aware (20 cleaners, 1 day)`, pureTravel);
	ms(`slots searchSlots in-process (queries + computation, 1 day)`, inProcess);
	ms(`postgres round trip (SELECT 1)`, roundTrip);
	ms(`slots endpoint end-to-end (1 day, all requests)`, all);
	ms(`slots endpoint end-to-end, cold (first request of each day)`, latencies[0]);
	ms(`slots endpoint end-to-end, warm (rounds 2–${HTTP_ROUNDS})`, latencies.slice(1).flat());
	console.log(`slots endpoint, very first request: ${latencies[0][0].toFixed(3)} ms`);
	report('slots returned per day by the endpoint', 'slots', slotCounts);
	report('(start, cleaner) pairs per day in those slots', 'pairs', offers);
	const agree = slotCounts.filter((n, i) => n === pureCounts[i]).length;
	const empty = dates
		.filter((_, i) => slotCounts[i] === 0)
		.map((date) => `${date} ${weekday(date)}`);
	console.log(
		`pure computation returned the same number of slots as the endpoint on ${agree}/${dates.length} days; ` +
			`days with no slots: ${empty.length ? empty.join(', ') : 'none'}`
	);
	console.log(
		`travel-aware pure computation: the same slot count as the endpoint on ` +
			`${travelCounts.filter((n, i) => n === slotCounts[i]).length}/${dates.length} days; ` +
			`${pureCounts.reduce((a, b) => a + b, 0) - travelCounts.reduce((a, b) => a + b, 0)} ` +
			`slots of the month dropped by travel`
	);
	console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
	await sql.end({ timeout: 5 });
	await app.sql.end({ timeout: 5 });
	await stack.stop();
}
