// npm run bench:calendar — calendar push, through the real path: a booking change commits (its
// trigger queues the push), a real worker process (server/worker/main.ts, WORKER_CONCURRENCY as
// in production, default 4) picks it up, and the googleapis SDK writes the event into the local
// Google fake (tests/fakes/google-calendar.ts, in this process, answering at once).
//   - latency: SAMPLES moves of one booking, each timed from the move's commit to the event at
//     its new time in the fake, with the worker idle in between;
//   - throughput: BOOKINGS bookings of every connected cleaner made while the worker is stopped,
//     then the worker started: pushes per second from the first event stored to the last; then
//     ROUNDS more rounds in which every booking is queued again (updates).
// Targets (issue): p95 ≤ 2 s from change to event with the worker idle; pushes/s reported.
// The figures are printed, never asserted.
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { apiRescheduleBooking } from '../../server/api/booking-manage.ts';
import { searchSlots } from '../../server/booking/availability.ts';
import { queuePush } from '../../server/calendar/connections.ts';
import { closeDatabase } from '../../server/db/client.ts';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import { startFakeGoogleCalendar } from '../fakes/google-calendar.ts';
import {
	connectGoogle,
	contextOfEmail,
	FAKE_GOOGLE_CLIENT,
	useFakeGoogle
} from '../support/calendar-connect.ts';
import { bookThroughRest, TEST_CUSTOMER } from '../support/book-rest.ts';
import { startTestDatabase } from '../support/postgres.ts';
import { seedQuietDiary } from '../support/quiet-diary.ts';
import { report } from './stats.ts';

const SAMPLES = Number(process.env.SAMPLES ?? 40);
const BOOKINGS = Number(process.env.BOOKINGS ?? 300);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const POSTCODE = 'N16 9PD';

const pg = await startTestDatabase();
await seedQuietDiary(pg.url);
process.env.DATABASE_URL = pg.url;
const google = await startFakeGoogleCalendar(FAKE_GOOGLE_CLIENT);
useFakeGoogle(google);
const db = pg.db;
const [{ id: serviceId }] =
	await pg.sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
const cleaners = await pg.sql<{ staff_id: string; email: string }[]>`
	SELECT s.id AS staff_id, u.email FROM staff s JOIN users u ON u.id = s.user_id
	WHERE s.is_active ORDER BY u.email`;
for (const c of cleaners) await connectGoogle(db, google, c.email);
const office = await contextOfEmail(db, 'admin@valclean.test');
let serial = 0;

function startWorker(): ChildProcess {
	return spawn(process.execPath, ['--import', 'tsx', 'server/worker/main.ts'], {
		env: process.env,
		stdio: 'ignore'
	});
}

async function stopWorker(worker: ChildProcess) {
	worker.kill('SIGTERM');
	await new Promise((resolve) => worker.once('exit', resolve));
}

/** Polls every `every` ms: 2 for the in-process fake, more for the database (not to load it). */
async function until(probe: () => boolean | Promise<boolean>, every = 2, ms = 600_000) {
	const end = Date.now() + ms;
	while (!(await probe())) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, every));
	}
}

const queued = async () =>
	Number(
		(
			await pg.sql`SELECT count(*)::int AS n FROM graphile_worker.jobs
			WHERE task_identifier LIKE 'calendar__%'`
		)[0].n
	);

/** Free starts of each cleaner from a week ahead, in turn, until `count` are found. */
async function freeStarts(count: number) {
	const picks: { staffId: string; start: number }[] = [];
	for (let day = 7; picks.length < count && day < 60; day++) {
		const date = addDays(localDate(Date.now(), 'Europe/London'), day);
		const found = await searchSlots(db, { serviceId, date, postcode: POSTCODE, now: Date.now() });
		if (!found.ok) continue;
		for (const c of cleaners) {
			// Three hours apart, so no two picks of a cleaner are in each other's way or travel.
			let last = -Infinity;
			for (const s of found.slots) {
				if (!s.staffIds.includes(c.staff_id) || s.start < last + 3 * 3_600_000) continue;
				picks.push({ staffId: c.staff_id, start: s.start });
				last = s.start;
			}
		}
	}
	return picks.slice(0, count);
}

async function book(pick: { staffId: string; start: number }) {
	serial += 1;
	const made = await bookThroughRest({
		serviceId,
		...pick,
		customer: {
			...TEST_CUSTOMER,
			name: `Bench Customer ${serial}`,
			email: `bench.${serial}@example.com`,
			address_line1: `${serial} Albion Road`
		}
	});
	if (made.http !== 201) throw new Error(`booking refused: ${made.error?.message}`);
	return made.id;
}

const eventStart = (email: string, appointmentId: string) =>
	google
		.liveEvents(email)
		.find((e) => e.extendedProperties?.private?.valcleanAppointment === appointmentId)?.start
		.dateTime;

// Latency: one booking moved back and forth between two free times, the worker idle between.
const pair = await freeStarts(40);
const a = pair[0];
const b = pair.find((p) => p.staffId === a.staffId && p.start !== a.start)!;
const owner = cleaners.find((c) => c.staff_id === a.staffId)!.email;
const moving = await book(a);
let worker = startWorker();
await until(async () => !!eventStart(owner, moving) && (await queued()) === 0, 50);
const latencies: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
	const to = i % 2 === 0 ? b.start : a.start;
	// From before the move is sent: its commit is somewhere in the call, and the clock runs from
	// the earliest it could be.
	const t0 = performance.now();
	const moved = await apiRescheduleBooking(
		moving,
		new Request('http://bench/', {
			method: 'POST',
			body: JSON.stringify({ start_time: new Date(to).toISOString() })
		}),
		new URL('http://bench/'),
		office
	);
	if (moved.status !== 200) throw new Error(`move refused: ${await moved.text()}`);
	await until(() => Date.parse(eventStart(owner, moving) ?? '') === to);
	latencies.push(performance.now() - t0);
	await new Promise((resolve) => setTimeout(resolve, 250));
}
report('change → event in the calendar (worker idle)', 'ms', latencies);

// Throughput: a backlog of pushes for one worker process.
await stopWorker(worker);
const ids: string[] = [];
for (const pick of await freeStarts(BOOKINGS)) ids.push(await book(pick));
console.log(`${ids.length} bookings of ${cleaners.length} cleaners queued for a push`);
const rates: number[] = [];
for (let round = 0; round <= ROUNDS; round++) {
	if (round > 0) {
		await stopWorker(worker);
		for (const id of ids) await queuePush(db, id);
	}
	const since = new Date();
	worker = startWorker();
	await until(async () => (await queued()) === 0, 100);
	const [{ first, last, n }] = await pg.sql`
		SELECT min(pushed_at) AS first, max(pushed_at) AS last, count(*)::int AS n
		FROM calendar_events
		WHERE pushed_at >= ${since.toISOString()} AND appointment_id IN ${pg.sql(ids)}`;
	const seconds = (new Date(last).getTime() - new Date(first).getTime()) / 1000;
	const rate = (n - 1) / seconds;
	rates.push(rate);
	console.log(
		`round ${round} (${round === 0 ? 'creates' : 'updates'}): ${n} pushes in ${seconds.toFixed(2)} s = ${rate.toFixed(0)} pushes/s`
	);
}
report('pushes per second, one worker', '/s', rates);

await stopWorker(worker);
await closeDatabase();
await google.close();
await pg.stop();
