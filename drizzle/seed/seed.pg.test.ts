import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { migrateDatabase } from '../../server/db/migrate.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { DEMO_PASSWORD, DEMO_SIGN_INS } from './demo-accounts.ts';
import { seedIfEmpty, type SeedSummary } from './seed.ts';

// The Sunday the clocks go back (02:00 BST → 01:00 GMT): the diary spans BST and GMT days.
const NOW = new Date('2026-10-25T10:00:00Z');
const TODAY = '2026-10-25';
const fakeHash = async (plain: string) => `hash:${plain}`;

let pg: TestDatabase;
let summary: SeedSummary | null;

beforeAll(async () => {
	pg = await startTestDatabase();
	summary = await seedIfEmpty(pg.url, NOW, fakeHash);
});

afterAll(async () => {
	await pg?.stop();
});

async function tableCounts(sql: postgres.Sql, tables: string[]) {
	const counts: Record<string, number> = {};
	for (const table of tables) {
		const [row] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(table)}`;
		counts[table] = row.n;
	}
	return counts;
}

/** A signature of the seeded content that leaves out uuids and creation stamps. */
async function fingerprint(sql: postgres.Sql) {
	const customers = await sql<{ name: string }[]>`select name from customers order by name`;
	const diary = await sql<{ line: string }[]>`
		select concat_ws(' ', s.email, v.slug, a.start_time::text, a.status, ca.total_price, c.name) as line
		from appointments a
		join staff s on s.id = a.staff_id
		join services v on v.id = a.service_id
		join customer_appointments ca on ca.appointment_id = a.id
		join customers c on c.id = ca.customer_id
		order by a.start_time, s.email`;
	return { customers: customers.map((r) => r.name), diary: diary.map((r) => r.line) };
}

describe('seedIfEmpty', () => {
	it('writes a whole company and reports what it wrote', async () => {
		expect(summary).not.toBeNull();
		const counts = summary!.counts;
		expect(counts.categories).toBe(3);
		expect(counts.services).toBeGreaterThanOrEqual(8);
		expect(counts.staff).toBe(8);
		expect(counts.customers).toBeGreaterThanOrEqual(40);
		expect(counts.managers).toBe(2);
		expect(counts.locations).toBe(2);
		expect(counts.staff_time_off).toBeGreaterThanOrEqual(2);
		expect(await tableCounts(pg.sql, Object.keys(counts))).toEqual(counts);
	});

	it('creates the demo sign-ins with the shared password and the managers’ reach', async () => {
		for (const demo of DEMO_SIGN_INS) {
			const [user] = await pg.sql<{ role: string; hash: string; timezone: string }[]>`
				select u.role, p.hash, f.timezone from users u
				join user_passwords p on p.user_id = u.id
				join profiles f on f.user_id = u.id
				where u.email = ${demo.email}`;
			expect(user, demo.email).toEqual({
				role: demo.role,
				hash: `hash:${DEMO_PASSWORD}`,
				timezone: 'Europe/London'
			});
		}
		const reach = await pg.sql<{ email: string; all: boolean; locs: number; staff: number }[]>`
			select u.email, m.can_manage_all as all,
				(select count(*)::int from manager_locations l where l.manager_id = m.id) as locs,
				(select count(*)::int from manager_staff s where s.manager_id = m.id) as staff
			from managers m join users u on u.id = m.user_id order by u.email`;
		expect(reach).toEqual([
			{ email: 'north.manager@valclean.test', all: false, locs: 1, staff: 0 },
			{ email: 'south.manager@valclean.test', all: false, locs: 0, staff: 3 }
		]);
		const [linked] = await pg.sql<{ n: number }[]>`
			select count(*)::int as n from customers c join users u on u.id = c.user_id
			where u.email = 'customer@valclean.test' and u.role = 'customer'`;
		expect(linked.n).toBe(1);
	});

	it('fills the diary around today, today included, across the clock change', async () => {
		const days = await pg.sql<{ day: string; n: number; staff: string[] }[]>`
			select (a.start_time at time zone 'Europe/London')::date::text as day, count(*)::int as n,
				array_agg(distinct s.email) as staff
			from appointments a join staff s on s.id = a.staff_id group by 1 order by 1`;
		expect(days.length).toBeGreaterThanOrEqual(20);
		expect(days[0].day >= '2026-10-11' && days.at(-1)!.day <= '2026-11-08').toBe(true);
		const today = days.find((d) => d.day === TODAY);
		expect(today?.n).toBeGreaterThanOrEqual(4);
		expect(today?.staff).toContain('amira@valclean.test');
		expect(today!.staff.length).toBeGreaterThanOrEqual(3);
		const statuses = await pg.sql<{ status: string }[]>`select distinct status from appointments`;
		expect(statuses.map((s) => s.status).sort()).toEqual(
			['cancelled', 'completed', 'confirmed', 'no_show', 'pending'].sort()
		);
	});

	it('never double-books a cleaner, travel padding included', async () => {
		const overlaps = await pg.sql`
			select a.id from appointments a join appointments b
				on a.staff_id = b.staff_id and a.id < b.id
				and tstzrange(a.blocked_from, a.blocked_until) && tstzrange(b.blocked_from, b.blocked_until)
			where a.status not in ('cancelled', 'expired') and b.status not in ('cancelled', 'expired')`;
		expect(overlaps).toHaveLength(0);
		const wrongSpans = await pg.sql`
			select a.id from appointments a
			join services v on v.id = a.service_id
			join staff_services ss on ss.staff_id = a.staff_id and ss.service_id = a.service_id
			where a.blocked_from <> a.start_time - make_interval(mins => v.padding_before_minutes)
				or a.blocked_until <> a.end_time + make_interval(mins => v.padding_after_minutes)
				or a.end_time <> a.start_time
					+ make_interval(mins => coalesce(ss.duration_override, v.duration_minutes))`;
		expect(wrongSpans).toHaveLength(0);
		const [offered] = await pg.sql<{ n: number }[]>`
			select count(*)::int as n from appointments a
			join staff_services ss on ss.staff_id = a.staff_id and ss.service_id = a.service_id
			join staff s on s.id = a.staff_id and s.location_id = a.location_id`;
		expect(offered.n).toBe(summary!.counts.appointments);
	});

	it('keeps every job inside working hours, outside breaks and approved leave', async () => {
		// Local times come from Postgres's own zone rules, independently of the seed's Temporal maths.
		const jobs = await pg.sql<
			{ id: string; staff: string; dow: number; from: number; until: number; sameDay: boolean }[]
		>`
			select id, staff_id as staff,
				extract(isodow from blocked_from at time zone 'Europe/London')::int - 1 as dow,
				extract(epoch from (blocked_from at time zone 'Europe/London')::time)::int / 60 as from,
				extract(epoch from (blocked_until at time zone 'Europe/London')::time)::int / 60 as until,
				(blocked_from at time zone 'Europe/London')::date
					= (blocked_until at time zone 'Europe/London')::date as "sameDay"
			from appointments`;
		const schedules = await pg.sql<
			{
				staff: string;
				dow: number;
				start: number;
				end: number;
				breaks: { start: number; end: number }[];
			}[]
		>`select staff_id as staff, day_of_week as dow, start_minute as start, end_minute as end, breaks
			from staff_schedules`;
		const outside = jobs.filter((job) => {
			const stretch = schedules.find(
				(s) =>
					s.staff === job.staff && s.dow === job.dow && s.start <= job.from && job.until <= s.end
			);
			const inBreak = stretch?.breaks.some((b) => b.start < job.until && job.from < b.end);
			return !job.sameDay || !stretch || inBreak;
		});
		expect(outside).toEqual([]);
		const onLeave = await pg.sql`
			select a.id from appointments a join staff_time_off t on t.staff_id = a.staff_id
			where t.status = 'approved' and a.status not in ('cancelled', 'expired')
				and tstzrange(t.starts_at, t.ends_at) && tstzrange(a.blocked_from, a.blocked_until)`;
		expect(onLeave).toHaveLength(0);
	});

	it('prices every booking from the catalogue and settles the money', async () => {
		const bookings = await pg.sql<
			{
				total: number;
				base: number;
				service: string;
				extras: { extraId: string; quantity: number; price: number }[];
				status: string;
				payment: string;
				deposit: number;
				paid: number;
			}[]
		>`
			select ca.total_price as total, coalesce(ss.price_override, v.price) as base,
				v.id as service, ca.extras, a.status, ca.payment_status as payment,
				ca.deposit_paid as deposit,
				(select coalesce(sum(p.amount), 0)::int from payments p
					where p.customer_appointment_id = ca.id and p.status = 'succeeded') as paid
			from customer_appointments ca
			join appointments a on a.id = ca.appointment_id
			join services v on v.id = a.service_id
			join staff_services ss on ss.staff_id = a.staff_id and ss.service_id = a.service_id`;
		const extras = await pg.sql<{ id: string; service: string; price: number; max: number }[]>`
			select id, service_id as service, price, max_quantity as max from service_extras`;
		const extraById = new Map(extras.map((e) => [e.id, e]));
		expect(bookings).toHaveLength(summary!.counts.appointments);
		for (const b of bookings) {
			let expected = b.base;
			for (const booked of b.extras) {
				const extra = extraById.get(booked.extraId)!;
				expect(extra.service).toBe(b.service);
				expect(booked.quantity).toBeLessThanOrEqual(extra.max);
				expect(booked.price).toBe(extra.price);
				expect(booked.quantity).toBeGreaterThanOrEqual(1);
				expected += extra.price * booked.quantity;
			}
			expect(b.total).toBe(expected);
			if (b.status === 'completed') {
				expect(b.payment).toBe('paid');
				expect(b.paid).toBe(b.total);
			} else if (b.payment === 'deposit_paid') {
				expect(b.paid).toBe(b.deposit);
			} else {
				expect([b.payment, b.paid]).toEqual(['unpaid', 0]);
			}
		}
		const invoices = await pg.sql<{ total: number; tax: number; number: string; price: number }[]>`
			select i.total_amount as total, i.tax_amount as tax, i.invoice_number as number,
				ca.total_price as price
			from invoices i join customer_appointments ca on ca.id = i.customer_appointment_id
			join appointments a on a.id = ca.appointment_id where a.status = 'completed'`;
		expect(invoices).toHaveLength(bookings.filter((b) => b.status === 'completed').length);
		for (const invoice of invoices) {
			expect(invoice.total).toBe(invoice.price);
			expect(invoice.tax).toBe(invoice.total - Math.round(invoice.total / 1.2));
			expect(invoice.number).toMatch(/^INV-\d{4}-\d{6}$/);
		}
	});

	it('does nothing the second time', async () => {
		const before = await tableCounts(pg.sql, Object.keys(summary!.counts));
		expect(await seedIfEmpty(pg.url, NOW, fakeHash)).toBeNull();
		expect(await tableCounts(pg.sql, Object.keys(summary!.counts))).toEqual(before);
	});

	it('writes the same company again for the same now', async () => {
		await pg.sql`create database seed_again`;
		const url = new URL(pg.url);
		url.pathname = '/seed_again';
		await migrateDatabase(url.toString());
		expect(await seedIfEmpty(url.toString(), NOW, fakeHash)).toEqual(summary);
		const again = postgres(url.toString(), { max: 1, onnotice: () => {} });
		try {
			expect(await fingerprint(again)).toEqual(await fingerprint(pg.sql));
		} finally {
			await again.end({ timeout: 2 });
		}
	});
});
