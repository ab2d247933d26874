import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../drizzle/schema.ts';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import { apiCreateBooking } from '../api/booking-create.ts';
import { apiCancelBooking, apiGetBooking, apiRescheduleBooking } from '../api/booking-manage.ts';
import { authContextFor } from '../auth/context.ts';
import { closeDatabase } from '../db/client.ts';
import { searchSlots } from './availability.ts';

// Cancel and reschedule through the REST handlers (the server mutators underneath), by token,
// by the office, with the customer's cut-off.

let pg: TestDatabase;
let serviceId: string;
const daysAhead = (n: number) => addDays(localDate(Date.now(), 'Europe/London'), n);
const iso = (ms: number) => new Date(ms).toISOString();
const url = (path: string) => new URL(`http://test${path}`);
const postJson = (body: unknown) =>
	new Request('http://test/', { method: 'POST', body: JSON.stringify(body) });

async function slots(date: string) {
	const found = await searchSlots(pg.db, { serviceId, date, postcode: 'N16 9PD', now: Date.now() });
	if (!found.ok) throw new Error(found.message);
	return found.slots;
}

async function book(slot: { start: number; staffIds: string[] }) {
	const response = await apiCreateBooking(
		postJson({
			service_id: serviceId,
			start_time: iso(slot.start),
			staff_id: slot.staffIds[0],
			customer: {
				name: 'Ola Nowak',
				email: 'ola@example.com',
				phone: '07700 900789',
				address_line1: '9 Stoke Newington Church Street',
				city: 'London',
				postcode: 'N16 0NX'
			}
		}),
		undefined
	);
	expect(response.status).toBe(201);
	return (await response.json()).data as {
		id: string;
		cancellation_token: string;
		staff_id: string;
	};
}

async function contextOf(email: string) {
	const [user] = await pg.db.select().from(users).where(eq(users.email, email));
	return authContextFor(pg.db, user);
}

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedQuietDiary(pg.url);
	process.env.DATABASE_URL = pg.url;
	[{ id: serviceId }] = await pg.sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
});

afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
});

describe('a booking after it is made', () => {
	it('shows itself to the holder of its token only', async () => {
		const made = await book((await slots(daysAhead(7)))[0]);
		const token = made.cancellation_token;
		expect((await apiGetBooking(made.id, url(`/?token=${token}`), undefined)).status).toBe(200);
		expect((await apiGetBooking(made.id, url('/'), undefined)).status).toBe(404);
		const wrong = url('/?token=00000000-0000-4000-8000-000000000000');
		expect((await apiGetBooking(made.id, wrong, undefined)).status).toBe(404);
		expect((await apiGetBooking('not-an-id', url('/'), undefined)).status).toBe(404);
		const admin = await contextOf('admin@valclean.test');
		expect((await apiGetBooking(made.id, url('/'), admin)).status).toBe(200);
	});

	it('moves to another free time with its token, freeing the old one', async () => {
		const free = await slots(daysAhead(8));
		const first = free[0];
		const made = await book(first);
		const later = (await slots(daysAhead(8))).find(
			(s) => s.staffIds.includes(made.staff_id) && s.start >= first.start + 3 * 3_600_000
		)!;
		const response = await apiRescheduleBooking(
			made.id,
			postJson({ start_time: iso(later.start), token: made.cancellation_token }),
			url('/'),
			undefined
		);
		expect(response.status).toBe(200);
		expect(Date.parse((await response.json()).data.start_time)).toBe(later.start);
		const again = (await slots(daysAhead(8))).find(
			(s) => s.start === first.start && s.end === first.end
		);
		expect(again?.staffIds).toContain(made.staff_id);
	});

	it('may move by less than its own length (its own time is not in the way)', async () => {
		const made = await book((await slots(daysAhead(9)))[0]);
		const [row] = await pg.sql`SELECT start_time FROM appointments WHERE id = ${made.id}`;
		const nudged = Date.parse(row.start_time) + 30 * 60_000;
		const response = await apiRescheduleBooking(
			made.id,
			postJson({ start_time: iso(nudged), token: made.cancellation_token }),
			url('/'),
			undefined
		);
		expect([response.status, nudged]).toEqual([
			200,
			Date.parse((await response.json()).data.start_time)
		]);
	});

	it('refuses a taken time with SLOT_TAKEN, and a customer handing it to another cleaner', async () => {
		const free = await slots(daysAhead(10));
		const a = await book(free[0]);
		const bSlot = free.find(
			(s) => s.staffIds.includes(a.staff_id) && s.start >= free[0].end + 3_600_000
		)!;
		const b = await book({ start: bSlot.start, staffIds: [a.staff_id] });
		const [aRow] = await pg.sql`SELECT start_time FROM appointments WHERE id = ${a.id}`;
		const clash = await apiRescheduleBooking(
			b.id,
			postJson({ start_time: iso(Date.parse(aRow.start_time)), token: b.cancellation_token }),
			url('/'),
			undefined
		);
		expect(clash.status).toBe(409);
		expect((await clash.json()).error.code).toBe('SLOT_TAKEN');
		const handOver = await apiRescheduleBooking(
			b.id,
			postJson({ start_time: iso(bSlot.start), staff_id: a.staff_id, token: b.cancellation_token }),
			url('/'),
			undefined
		);
		expect(handOver.status).toBe(403);
	});

	it('cancels by token once; a second cancel says it cannot be changed', async () => {
		const made = await book((await slots(daysAhead(11)))[0]);
		const cancel = () =>
			apiCancelBooking(made.id, postJson({}), url(`/?token=${made.cancellation_token}`), undefined);
		const first = await cancel();
		expect(first.status).toBe(200);
		expect((await first.json()).data.status).toBe('cancelled');
		const second = await cancel();
		expect(second.status).toBe(409);
		expect((await second.json()).error.code).toBe('NOT_CHANGEABLE');
	});

	it('frees a slot for booking again the moment it is cancelled or moved, however soon', async () => {
		// The server remembers slots it has just booked for a second (just-booked.ts): a cancel or
		// a move must not leave the freed slot refused meanwhile.
		const [cancelled, moved] = (await slots(daysAhead(14))).filter(
			(s, i, all) => i === 0 || s.start >= all[0].end + 3 * 3_600_000
		);
		const first = await book(cancelled);
		const cancel = postJson({ token: first.cancellation_token });
		expect((await apiCancelBooking(first.id, cancel, url('/'), undefined)).status).toBe(200);
		await book({ start: cancelled.start, staffIds: [first.staff_id] });

		const second = await book(moved);
		const later = (await slots(daysAhead(15))).find((s) => s.staffIds.includes(second.staff_id))!;
		const move = postJson({ start_time: iso(later.start), token: second.cancellation_token });
		expect((await apiRescheduleBooking(second.id, move, url('/'), undefined)).status).toBe(200);
		await book({ start: moved.start, staffIds: [second.staff_id] });
	});

	it('holds the customer to the cut-off, but not the office', async () => {
		const made = await book((await slots(daysAhead(12)))[0]);
		// Move it (directly) to start in two hours: inside the 24-hour cut-off.
		const soon = Date.now() + 2 * 3_600_000;
		await pg.sql`UPDATE appointments SET start_time = ${iso(soon)}, end_time = ${iso(soon + 7_200_000)},
			blocked_from = ${iso(soon)}, blocked_until = ${iso(soon + 7_200_000)} WHERE id = ${made.id}`;
		const byCustomer = await apiCancelBooking(
			made.id,
			postJson({ token: made.cancellation_token }),
			url('/'),
			undefined
		);
		expect(byCustomer.status).toBe(409);
		const refusal = (await byCustomer.json()).error;
		expect(refusal.code).toBe('CUTOFF_PASSED');
		expect(refusal.message).toMatch(/24 hours/);
		const byOffice = await apiCancelBooking(
			made.id,
			postJson({}),
			url('/'),
			await contextOf('admin@valclean.test')
		);
		expect(byOffice.status).toBe(200);
		// The office's change is audited, in the same transaction; the customer's attempt is not.
		const audit = await pg.sql`
			SELECT a.action, a.source, a.actor_role, u.email FROM audit_log a
			JOIN users u ON u.id = a.actor_user_id WHERE a.entity_id = ${made.id}`;
		expect(audit).toEqual([
			{ action: 'booking.cancel', source: 'api', actor_role: 'admin', email: 'admin@valclean.test' }
		]);
	});

	it('hides a booking from a manager outside its scope', async () => {
		const made = await book((await slots(daysAhead(13)))[0]);
		const [row] = await pg.sql`
			SELECT s.location_id, l.name FROM staff s JOIN locations l ON l.id = s.location_id WHERE s.id = ${made.staff_id}`;
		const outsider =
			row.name === 'North London' ? 'south.manager@valclean.test' : 'north.manager@valclean.test';
		const ctx = await contextOf(outsider);
		expect(ctx.office && !ctx.office.all && ctx.office.staffIDs).not.toContain(made.staff_id);
		expect((await apiCancelBooking(made.id, postJson({}), url('/'), ctx)).status).toBe(404);
		expect((await apiGetBooking(made.id, url('/'), ctx)).status).toBe(404);
		expect(await pg.sql`SELECT 1 FROM audit_log WHERE entity_id = ${made.id}`).toHaveLength(0);
	});
});
