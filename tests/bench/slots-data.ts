// Data for `npm run bench:slots`: the demo company grown to 20 cleaners who all offer one service
// and cover one postcode, each with a month of confirmed jobs; and the same rows read back as the
// input of availableSlots(), so the pure computation can be timed without the database.
import { and, eq, inArray } from 'drizzle-orm';
import type postgres from 'postgres';
import {
	services,
	staff,
	staffAreas,
	staffSchedules,
	staffServices,
	staffTravel
} from '../../drizzle/schema.ts';
import { createRng } from '../../drizzle/seed/random.ts';
import { FREEING_STATUSES } from '../../server/booking/availability.ts';
import { busySpans } from '../../server/booking/busy-spans.ts';
import { bookingSettingsOf, loadSettings } from '../../server/booking/settings.ts';
import type { Db } from '../../server/db/client.ts';
import type { AvailabilityInput } from '../../sync/domain/availability.ts';
import { subtractIntervals } from '../../sync/domain/intervals.ts';
import { localDayBounds, type Interval } from '../../sync/domain/local-day.ts';
import { coveringStaff } from '../../sync/domain/service-area.ts';
import { businessTravel, travelSettingsFor } from '../../sync/domain/travel.ts';
import { ukCentroids } from '../../sync/domain/uk-outcodes.ts';
import { workingIntervals, type WeeklyHours } from '../../sync/domain/working-hours.ts';

/** The service searched, and the district every cleaner covers (10 km around it). */
export const BENCH_SERVICE = 'regular-clean-2-hours';
export const BENCH_AREA = 'N16';

const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;

const NEW_CLEANERS = [
	'Aisha Bello',
	'Ben Hughes',
	'Chloe Martin',
	'Dmitri Volkov',
	'Efua Asante',
	'Farah Iqbal',
	'George Evans',
	'Hana Kowalska',
	'Isaac Green',
	'Julia Santos',
	'Kofi Boateng',
	'Lucy Walsh'
];

/** Mon–Sat 08:00–18:00 with lunch 12:30–13:00. */
const NEW_HOURS: WeeklyHours[] = [0, 1, 2, 3, 4, 5].map((dayOfWeek) => ({
	dayOfWeek,
	startMinute: 8 * 60,
	endMinute: 18 * 60,
	breaks: [{ start: 750, end: 780 }]
}));

/** What the new cleaners do besides the benchmarked service, with how often they do it. */
const OTHER_WORK = [
	{ slug: 'regular-clean-3-hours', weight: 3 },
	{ slug: 'one-off-clean', weight: 2 },
	{ slug: 'deep-clean-flat', weight: 1 }
];

type Job = { serviceId: string; before: number; minutes: number; after: number; weight: number };

/** The first quarter-hour at or after `cursor` where the padded job fits in one free stretch. */
function fit(free: readonly Interval[], cursor: number, job: Job) {
	const length = (job.before + job.minutes + job.after) * MINUTE;
	for (const f of free) {
		const from = Math.ceil(Math.max(f.start, cursor) / QUARTER) * QUARTER;
		if (from + length <= f.end) return { job, blockedFrom: from, blockedUntil: from + length };
	}
	return undefined;
}

export type Seeded = { cleaners: number; added: number; workingDays: number; perDay: number[] };

/**
 * Adds 12 cleaners (Mon–Sat 08:00–18:00), makes all 20 offer BENCH_SERVICE and cover BENCH_AREA,
 * then aims each working day in `dates` at 2–4 confirmed jobs (the demo's own jobs count), packed
 * earliest first with travel gaps, never across a break, leave or another job, stopping when the next
 * does not fit (with no dates, only the cleaners are added): four padded 2-hour cleans (150 min each) need more than a 08:00–18:00 day with a
 * half-hour lunch, so most days get 2 or 3. Deterministic: the same dates give the same diary.
 */
export async function seedBenchMonth(
	sql: postgres.Sql,
	dates: readonly string[],
	timeZone: string
): Promise<Seeded> {
	const catalog = await sql<
		{ id: string; slug: string; minutes: number; before: number; after: number }[]
	>`SELECT id, slug, duration_minutes AS minutes, padding_before_minutes AS before,
		padding_after_minutes AS after
		FROM services WHERE slug IN ${sql([BENCH_SERVICE, ...OTHER_WORK.map((w) => w.slug)])}`;
	const bySlug = new Map(catalog.map((s) => [s.slug, s]));
	const main = bySlug.get(BENCH_SERVICE);
	if (!main) throw new Error(`No service ${BENCH_SERVICE}: is the demo data loaded?`);

	const [{ locationId, position }] = await sql<{ locationId: string; position: number }[]>`
		SELECT (SELECT location_id FROM staff WHERE location_id IS NOT NULL ORDER BY position LIMIT 1)
			AS "locationId", COALESCE(MAX(position), 0) AS position FROM staff`;
	const added = await sql<{ id: string }[]>`INSERT INTO staff ${sql(
		NEW_CLEANERS.map((name, i) => ({
			name,
			email: `${name.split(' ')[0].toLowerCase()}.bench@valclean.test`,
			phone: `07700 9002${String(i).padStart(2, '0')}`,
			bio: 'Benchmark cleaner.',
			location_id: locationId,
			position: position + 1 + i
		}))
	)} RETURNING id`;
	const newIds = added.map((r) => r.id);
	await sql`INSERT INTO staff_schedules ${sql(
		newIds.flatMap((staff_id) =>
			NEW_HOURS.map((h) => ({
				staff_id,
				day_of_week: h.dayOfWeek,
				start_minute: h.startMinute,
				end_minute: h.endMinute
			}))
		)
	)}`;
	// One lunch break for all, as text: postgres.js passes a jsonb parameter's value unserialised.
	await sql`UPDATE staff_schedules SET breaks = ${JSON.stringify(NEW_HOURS[0].breaks)}::jsonb
		WHERE staff_id IN ${sql(newIds)}`;
	const extras = newIds.flatMap((staff_id, i) =>
		OTHER_WORK.filter((_, k) => (i + k) % 3 !== 2).map((w) => ({
			staff_id,
			service_id: bySlug.get(w.slug)!.id
		}))
	);
	if (extras.length) await sql`INSERT INTO staff_services ${sql(extras)}`;
	await sql`INSERT INTO staff_services (staff_id, service_id)
		SELECT id, ${main.id} FROM staff WHERE is_active
		ON CONFLICT ON CONSTRAINT staff_services_staff_service_unique DO NOTHING`;
	await sql`INSERT INTO staff_areas (staff_id, postcode, radius_km)
		SELECT s.id, ${BENCH_AREA}, 10 FROM staff s WHERE s.is_active
		AND NOT EXISTS (SELECT 1 FROM staff_areas a WHERE a.staff_id = s.id AND a.postcode = ${BENCH_AREA})`;

	if (dates.length === 0)
		return { cleaners: NEW_CLEANERS.length + 8, added: 0, workingDays: 0, perDay: [] };
	// Everyone's hours, offers and what already holds their time over the month.
	const first = localDayBounds(dates[0], timeZone).start;
	const last = localDayBounds(dates[dates.length - 1], timeZone).end;
	const cleaners = await sql<{ id: string }[]>`SELECT id FROM staff WHERE is_active
		ORDER BY position, id`;
	const hours = await sql<(WeeklyHours & { staffId: string })[]>`
		SELECT staff_id AS "staffId", day_of_week AS "dayOfWeek", start_minute AS "startMinute",
			end_minute AS "endMinute", breaks FROM staff_schedules`;
	const offers = await sql<{ staffId: string; serviceId: string; minutes: number | null }[]>`
		SELECT staff_id AS "staffId", service_id AS "serviceId", duration_override AS minutes
		FROM staff_services WHERE service_id IN ${sql(catalog.map((s) => s.id))}`;
	const held = await sql<{ staffId: string; from: Date; until: Date; job: boolean }[]>`
		SELECT staff_id AS "staffId", blocked_from AS from, blocked_until AS until, true AS job
		FROM appointments WHERE status NOT IN ${sql([...FREEING_STATUSES])}
			AND blocked_from < ${new Date(last).toISOString()}
			AND blocked_until > ${new Date(first).toISOString()}
		UNION ALL
		SELECT staff_id, starts_at, ends_at, false FROM staff_time_off WHERE status = 'approved'
			AND starts_at < ${new Date(last).toISOString()} AND ends_at > ${new Date(first).toISOString()}`;

	const rows: Record<string, string>[] = [];
	const perDay: number[] = [];
	let workingDays = 0;
	cleaners.forEach(({ id }, index) => {
		const week = hours.filter((h) => h.staffId === id);
		const jobs: Job[] = offers
			.filter((o) => o.staffId === id)
			.map((o) => {
				const s = catalog.find((c) => c.id === o.serviceId)!;
				const weight = s.id === main.id ? 6 : OTHER_WORK.find((w) => w.slug === s.slug)!.weight;
				return {
					serviceId: s.id,
					before: s.before,
					minutes: o.minutes ?? s.minutes,
					after: s.after,
					weight
				};
			});
		const mainJob = jobs.find((j) => j.serviceId === main.id)!;
		const busy = held
			.filter((h) => h.staffId === id)
			.map((h) => ({ start: h.from.getTime(), end: h.until.getTime(), job: h.job }));
		for (const date of dates) {
			const working = workingIntervals(date, timeZone, week);
			if (working.length === 0) continue;
			workingDays++;
			const day = localDayBounds(date, timeZone);
			const today = busy.filter((b) => b.start < day.end && b.end > day.start);
			const rng = createRng(`bench-slots/${date}/${index}`);
			const target = rng.int(2, 4);
			let count = today.filter((b) => b.job).length;
			let free = subtractIntervals(working, today);
			let cursor = free[0]?.start ?? day.end;
			while (count < target) {
				const gap = rng.pick(count === 0 ? [0, 0, 30, 60, 90] : [0, 15, 30, 30, 60]) * MINUTE;
				const wanted = rng.weighted(
					jobs,
					jobs.map((j) => j.weight)
				);
				const placed =
					fit(free, cursor + gap, wanted) ??
					fit(free, cursor + gap, mainJob) ??
					fit(free, cursor, mainJob);
				if (!placed) break;
				const { job, blockedFrom, blockedUntil } = placed;
				rows.push({
					staff_id: id,
					service_id: job.serviceId,
					location_id: locationId,
					start_time: new Date(blockedFrom + job.before * MINUTE).toISOString(),
					end_time: new Date(blockedUntil - job.after * MINUTE).toISOString(),
					blocked_from: new Date(blockedFrom).toISOString(),
					blocked_until: new Date(blockedUntil).toISOString(),
					status: 'confirmed'
				});
				free = subtractIntervals(free, [{ start: blockedFrom, end: blockedUntil }]);
				cursor = blockedUntil;
				count++;
			}
			perDay.push(count);
		}
	});
	const ids: { id: string }[] = [];
	for (let i = 0; i < rows.length; i += 1000) {
		ids.push(
			...(await sql<
				{ id: string }[]
			>`INSERT INTO appointments ${sql(rows.slice(i, i + 1000))} RETURNING id`)
		);
	}
	await placeJobs(
		sql,
		ids.map((r) => r.id),
		cleaners.map((c) => c.id)
	);
	return { cleaners: cleaners.length, added: rows.length, workingDays, perDay };
}

/** Districts around the bench area, for customers' addresses and cleaners' homes (all within 10 km). */
export const BENCH_DISTRICTS = [
	'N16',
	'E8',
	'N1',
	'N4',
	'E5',
	'E9',
	'N5',
	'N19',
	'E2',
	'N7',
	'E17',
	'N15'
];

/**
 * Where each job is and where each cleaner lives, so the travel rule has real work to do: every
 * added job gets a customer in one of BENCH_DISTRICTS (picked by a seeded random), and every cleaner
 * a home in one of them.
 */
async function placeJobs(sql: postgres.Sql, appointmentIds: string[], staffIds: string[]) {
	const rng = createRng('bench-slots/places');
	const customers = await sql<{ id: string }[]>`INSERT INTO customers ${sql(
		BENCH_DISTRICTS.map((d, i) => ({
			name: `Bench customer ${i}`,
			email: `bench.customer.${i}@example.com`,
			postcode: `${d} 1AA`
		}))
	)} RETURNING id`;
	const links = appointmentIds.map((appointment_id) => ({
		appointment_id,
		customer_id: rng.pick(customers).id,
		total_price: 0
	}));
	for (let i = 0; i < links.length; i += 1000)
		await sql`INSERT INTO customer_appointments ${sql(links.slice(i, i + 1000))}`;
	await sql`INSERT INTO staff_travel ${sql(
		staffIds.map((staff_id) => ({ staff_id, home_postcode: `${rng.pick(BENCH_DISTRICTS)} 2BB` }))
	)} ON CONFLICT (staff_id) DO UPDATE SET home_postcode = EXCLUDED.home_postcode`;
}

/**
 * What searchSlots() reads for each of `dates`, read once up front with the same queries and turned
 * into availableSlots() input, so the computation can be timed on its own.
 */
export async function loadDayInputs(
	db: Db,
	serviceSlug: string,
	postcode: string,
	dates: readonly string[],
	now: number
): Promise<{
	serviceId: string;
	staffIds: string[];
	inputs: AvailabilityInput[];
	travelInputs: AvailabilityInput[];
}> {
	const settings = bookingSettingsOf(await loadSettings(db));
	const [service] = await db.select().from(services).where(eq(services.slug, serviceSlug));
	const offering = await db
		.select({ staffId: staffServices.staffId, durationOverride: staffServices.durationOverride })
		.from(staffServices)
		.innerJoin(staff, eq(staff.id, staffServices.staffId))
		.where(and(eq(staffServices.serviceId, service.id), eq(staff.isActive, true)));
	const areas = await db
		.select()
		.from(staffAreas)
		.where(
			inArray(
				staffAreas.staffId,
				offering.map((o) => o.staffId)
			)
		);
	const covering = coveringStaff(areas, postcode, ukCentroids());
	if (!covering.ok) throw new Error(covering.message);
	const ids = covering.staffIds;
	const from = new Date(localDayBounds(dates[0], settings.timeZone).start);
	const until = new Date(localDayBounds(dates[dates.length - 1], settings.timeZone).end);
	const schedules = await db
		.select()
		.from(staffSchedules)
		.where(inArray(staffSchedules.staffId, ids));
	const busy = await busySpans(db, ids, { start: from.getTime(), end: until.getTime() });
	const overrides = new Map(offering.map((o) => [o.staffId, o.durationOverride]));
	const row = await loadSettings(db);
	const homes = new Map(
		(await db.select().from(staffTravel).where(inArray(staffTravel.staffId, ids))).map((t) => [
			t.staffId,
			t
		])
	);
	const inputs = dates.map((date): AvailabilityInput => {
		const day = localDayBounds(date, settings.timeZone);
		return {
			date,
			now,
			settings,
			service: {
				durationMinutes: service.durationMinutes,
				paddingBeforeMinutes: service.paddingBeforeMinutes,
				paddingAfterMinutes: service.paddingAfterMinutes
			},
			staff: ids.map((staffId) => ({
				staffId,
				durationOverride: overrides.get(staffId) ?? null,
				week: schedules.filter((s) => s.staffId === staffId),
				busy: busy
					.filter((b) => b.staffId === staffId && b.start < day.end && b.end > day.start)
					.map((b) => ({ start: b.start, end: b.end }))
			}))
		};
	});
	// The same days with travel, as the server runs it: each job's place and each cleaner's home.
	const travelInputs = inputs.map((input, i): AvailabilityInput => {
		const day = localDayBounds(dates[i], settings.timeZone);
		return {
			...input,
			staff: input.staff.map((member) => ({
				...member,
				travel: {
					home: homes.get(member.staffId)?.homePostcode ?? null,
					commitments: busy.filter(
						(b) => b.staffId === member.staffId && b.start < day.end && b.end > day.start
					),
					settings: travelSettingsFor(businessTravel(row), homes.get(member.staffId))
				}
			})),
			travelTo: { postcode, centroids: ukCentroids() }
		};
	});
	return { serviceId: service.id, staffIds: ids, inputs, travelInputs };
}

/**
 * Waits until every logical replication slot (zero-cache's) has confirmed the WAL written so far,
 * so the bulk insert's replication is not still competing for the CPU when timing starts.
 */
export async function waitForReplication(sql: postgres.Sql, timeoutMs = 30_000): Promise<number> {
	const started = Date.now();
	const [{ lsn }] = await sql<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`;
	for (;;) {
		const [{ done }] = await sql<{ done: boolean | null }[]>`
			SELECT bool_and(confirmed_flush_lsn >= ${lsn}::pg_lsn) AS done
			FROM pg_replication_slots WHERE slot_type = 'logical'`;
		if (done !== false || Date.now() - started > timeoutMs) return Date.now() - started;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}
