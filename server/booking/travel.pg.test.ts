import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../drizzle/schema.ts';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import { weekdayIndex } from '../../sync/domain/working-hours.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import { apiAvailableSlots } from '../api/bookings.ts';
import { apiCreateBooking } from '../api/booking-create.ts';
import { apiRescheduleBooking } from '../api/booking-manage.ts';
import { authContextFor } from '../auth/context.ts';
import { closeDatabase } from '../db/client.ts';
import { searchSlots } from './availability.ts';
import { apiReachableSlots } from './reachable.ts';

// Travel between jobs, end to end against a real Postgres: Amira (demo cleaner, N16) is given an
// area around Croydon too, so she could be booked in CR0 and in Walthamstow (E17, 4.7 km from
// N16) the same day — 85 minutes apart by the default travel rule.

let pg: TestDatabase;
let serviceId: string;
let amira: string;
let padBefore: number;
let padAfter: number;
const MINUTE = 60_000;

const iso = (ms: number) => new Date(ms).toISOString();
const postJson = (body: unknown) =>
	new Request('http://test/', { method: 'POST', body: JSON.stringify(body) });

/** The n-th weekday (Monday–Friday) from a week ahead: the quiet diary leaves those open. */
function weekday(n: number): string {
	let date = addDays(localDate(Date.now(), 'Europe/London'), 7);
	for (let seen = 0; ; date = addDays(date, 1)) {
		if (weekdayIndex(date) < 5 && seen++ === n) return date;
	}
}

async function slots(date: string, postcode: string) {
	const found = await searchSlots(pg.db, {
		serviceId,
		date,
		postcode,
		staffId: amira,
		now: Date.now()
	});
	if (!found.ok) throw new Error(found.message);
	return found.slots;
}

const customer = (postcode: string, email: string) => ({
	name: 'Jo Bloggs',
	email,
	phone: '07700 900321',
	address_line1: '1 High Street',
	city: 'London',
	postcode
});

function book(start: number, postcode: string, email: string) {
	return apiCreateBooking(
		postJson({
			service_id: serviceId,
			start_time: iso(start),
			staff_id: amira,
			customer: customer(postcode, email)
		}),
		undefined
	);
}

/** Amira's first free start that day, and the next start whose padded span begins after it ends. */
async function backToBack(date: string) {
	const [first] = await slots(date, 'CR0 1AA');
	const service = (await slots(date, 'CR0 1AA')).find(
		(s) => s.start - padBefore >= first.end + padAfter
	);
	if (!service) throw new Error('no second slot that day');
	return { first, second: service };
}

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedQuietDiary(pg.url);
	process.env.DATABASE_URL = pg.url;
	const [service] = await pg.sql`SELECT * FROM services WHERE slug = 'regular-clean-2-hours'`;
	serviceId = service.id;
	padBefore = service.padding_before_minutes * MINUTE;
	padAfter = service.padding_after_minutes * MINUTE;
	[{ id: amira }] = await pg.sql`SELECT id FROM staff WHERE email = 'amira@valclean.test'`;
	await pg.sql`INSERT INTO staff_areas (staff_id, postcode, radius_km) VALUES (${amira}, 'CR0', 5)`;
	// No lunch break, so her first two jobs of a day can sit back to back.
	await pg.sql`UPDATE staff_schedules SET breaks = '[]' WHERE staff_id = ${amira}`;
});

afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
});

describe('travel-aware slots and bookings', () => {
	it('does not offer a far job right after another, and refuses it when forced through the API', async () => {
		const date = weekday(0);
		const { first, second } = await backToBack(date);
		// Back to back: the second's padded span starts as the first's ends.
		expect(second.start - padBefore).toBe(first.end + padAfter);
		const made = await book(first.start, 'CR0 1AA', 'croydon@example.com');
		expect(made.status).toBe(201);

		// Next door in Croydon, half an hour later is offered (5 min is enough); from Walthamstow
		// nothing until 85 minutes after the Croydon job (and its padding) ends.
		const near = await slots(date, 'CR0 2AB');
		expect(near.some((s) => s.start === second.start)).toBe(false);
		expect(near.some((s) => s.start === second.start + 30 * MINUTE)).toBe(true);
		const far = await slots(date, 'E17 4AA');
		const reachableFrom = first.end + padAfter + 85 * MINUTE + padBefore;
		expect(far.length).toBeGreaterThan(0);
		expect(far.filter((s) => s.start > first.end && s.start < reachableFrom)).toEqual([]);
		expect(far.some((s) => s.start >= reachableFrom)).toBe(true);

		// The REST list says the same.
		const listed = await apiAvailableSlots(
			new URL(
				`http://test/?service_id=${serviceId}&date=${date}&postcode=E17%204AA&staff_id=${amira}`
			),
			Date.now()
		);
		const starts = (await listed.json()).data.slots.map((s: { start_time: string }) =>
			Date.parse(s.start_time)
		);
		expect(starts).not.toContain(second.start);
		// And the answer the booking page filters its live (Zero) slots with.
		const reach = await apiReachableSlots(
			new URL(
				`http://test/?service_id=${serviceId}&postcode=E17+4AA&from=${date}&days=2&staff_id=${amira}`
			),
			Date.now()
		);
		const { reachable } = (await reach.json()).data;
		expect(Object.keys(reachable)).toEqual([date, addDays(date, 1)]);
		expect(reachable[date][amira]).toEqual(far.map((s) => s.start));
		expect(reachable[date][amira]).not.toContain(second.start);

		const forced = await book(second.start, 'E17 4AA', 'walthamstow@example.com');
		expect(forced.status).toBe(409);
		const { error } = await forced.json();
		expect(error.code).toBe('TRAVEL_CONFLICT');
		expect(error.message).toMatch(
			/^The cleaner cannot get there in time: please choose another time\. Needs 85 min after the job before \(free from \d\d:\d\d\); only \d+ min free\.$/
		);
		// Security: a customer is not told where the other customer is.
		expect(error.message).not.toContain('CR0');
		const [{ n }] = await pg.sql`
			SELECT count(*)::int AS n FROM appointments a
			JOIN customer_appointments ca ON ca.appointment_id = a.id
			JOIN customers c ON c.id = ca.customer_id WHERE c.email = 'walthamstow@example.com'`;
		expect(n).toBe(0);
	});

	it('lets exactly one of 50 parallel bookings split between two back-to-back slots too far apart through', async () => {
		const date = weekday(1);
		const { first, second } = await backToBack(date);
		const responses = await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				i % 2
					? book(first.start, 'CR0 1AA', `croydon${i}@example.com`)
					: book(second.start, 'E17 4AA', `walthamstow${i}@example.com`)
			)
		);
		const statuses = responses.map((r) => r.status);
		expect(statuses.filter((s) => s === 201)).toHaveLength(1);
		expect(statuses.filter((s) => s === 409)).toHaveLength(49);
		const codes = new Set(
			await Promise.all(
				responses.filter((r) => r.status === 409).map(async (r) => (await r.json()).error.code)
			)
		);
		// Those for the same slot meet the overlap; those for the other slot meet the travel.
		expect(codes).toEqual(new Set(['SLOT_TAKEN', 'TRAVEL_CONFLICT']));
		const day = await pg.sql`
			SELECT id FROM appointments WHERE staff_id = ${amira}
			AND start_time >= ${iso(first.start - 12 * 60 * MINUTE)} AND start_time < ${iso(second.end)}
			AND status NOT IN ('cancelled', 'expired')`;
		expect(day).toHaveLength(1);
	});

	it('lets the office move a booking despite the travel time on purpose, in the audit log', async () => {
		const date = weekday(2);
		const { first, second } = await backToBack(date);
		expect((await book(first.start, 'CR0 1AA', 'early@example.com')).status).toBe(201);
		const far = await slots(date, 'E17 4AA');
		const late = far[far.length - 1];
		const made = await book(late.start, 'E17 4AA', 'late@example.com');
		expect(made.status).toBe(201);
		const { data } = await made.json();
		const [admin] = await pg.db.select().from(users).where(eq(users.email, 'admin@valclean.test'));
		const ctx = await authContextFor(pg.db, admin);
		const url = new URL('http://test/');
		const move = (body: Record<string, unknown>, as: typeof ctx | undefined) =>
			apiRescheduleBooking(data.id, postJson({ start_time: iso(second.start), ...body }), url, as);

		// The customer (by token) may not override; the office is told why, with the district.
		const byToken = await move(
			{ token: data.cancellation_token, allow_travel_conflict: true },
			undefined
		);
		expect(byToken.status).toBe(403);
		expect((await byToken.json()).error.code).toBe('FORBIDDEN');
		const refused = await move({}, ctx);
		expect(refused.status).toBe(409);
		const { error } = await refused.json();
		expect(error.code).toBe('TRAVEL_CONFLICT');
		expect(error.message).toMatch(/Needs 85 min from CR0 after the job before/);

		const overridden = await move({ allow_travel_conflict: true }, ctx);
		expect(overridden.status).toBe(200);
		const [row] = await pg.sql`SELECT start_time FROM appointments WHERE id = ${data.id}`;
		expect(Date.parse(row.start_time)).toBe(second.start);
		const [audit] = await pg.sql`
			SELECT actor_user_id, details, source FROM audit_log
			WHERE action = 'booking.reschedule' AND entity_id = ${data.id} ORDER BY at DESC LIMIT 1`;
		expect(audit).toMatchObject({
			actor_user_id: admin.id,
			source: 'api',
			details: { allowTravelConflict: true, startTime: second.start }
		});

		// An overlap is never overridable: onto the Croydon job itself.
		const onTop = await apiRescheduleBooking(
			data.id,
			postJson({ start_time: iso(first.start), allow_travel_conflict: true }),
			url,
			ctx
		);
		expect(onTop.status).toBe(409);
		expect((await onTop.json()).error.code).toBe('SLOT_TAKEN');
	});

	it('gives "any cleaner" to the one whose day gains the least travel, before the fairness rule', async () => {
		const date = weekday(4);
		const found = await searchSlots(pg.db, {
			serviceId,
			date,
			postcode: 'N16 9PD',
			now: Date.now()
		});
		if (!found.ok) throw new Error(found.message);
		// Late enough that a 20 min trip from home fits before it (from the start of the day).
		const slot = found.slots.find(
			(s) => s.staffIds.length >= 2 && new Date(s.start).getUTCHours() >= 10
		);
		if (!slot) throw new Error('no slot two cleaners can take');
		// Everyone free then lives in Walthamstow (20 min away) but the one the fairness rule would
		// pick last (highest id, no bookings that day like the rest), who lives around the corner.
		const near = [...slot.staffIds].sort().at(-1)!;
		for (const id of slot.staffIds)
			await pg.sql`INSERT INTO staff_travel (staff_id, home_postcode)
				VALUES (${id}, ${id === near ? 'N16 9PD' : 'E17 1AA'})
				ON CONFLICT (staff_id) DO UPDATE SET home_postcode = EXCLUDED.home_postcode`;
		const response = await apiCreateBooking(
			postJson({
				service_id: serviceId,
				start_time: iso(slot.start),
				customer: customer('N16 9PD', 'anyone@example.com')
			}),
			undefined
		);
		expect(response.status).toBe(201);
		expect((await response.json()).data.staff_id).toBe(near);
	});
});
