import type postgres from 'postgres';

// bench:office's company: 20 cleaners (the demo's, plus copies of one of them with the same hours,
// services and areas) and a realistic month for each: up to three two-hour cleans a day, Monday to
// Saturday, mostly confirmed and paid, some pending, a few cancelled. The month starts on a Monday
// after the demo's own diary.

export const CLEANERS = 20;
const TIMES = ['08:30', '11:30', '14:30'];
export const BENCH_MANAGER = 'bench.office@valclean.test';

/** Copies every row of `table` belonging to one cleaner to another (all columns but id). */
async function copyRows(sql: postgres.Sql, table: string, from: string, to: string) {
	const columns = (
		await sql<{ column_name: string }[]>`
			SELECT column_name FROM information_schema.columns
			WHERE table_name = ${table} AND column_name NOT IN ('id', 'staff_id')`
	).map((c) => c.column_name);
	const list = columns.map((c) => `"${c}"`).join(', ');
	await sql.unsafe(
		`INSERT INTO ${table} (staff_id, ${list}) SELECT $1, ${list} FROM ${table} WHERE staff_id = $2`,
		[to, from]
	);
}

export async function seedOfficeMonth(sql: postgres.Sql, monday: string) {
	const active = await sql<{ id: string; location_id: string }[]>`
		SELECT id, location_id FROM staff WHERE is_active ORDER BY position, name`;
	const template = active[0];
	for (let n = active.length; n < CLEANERS; n++) {
		const [copy] = await sql<{ id: string }[]>`
			INSERT INTO staff (location_id, name, email, phone, position)
			VALUES (${template.location_id}, ${`Bench Cleaner ${n + 1}`},
				${`bench.cleaner.${n + 1}@valclean.test`}, '07700 900000', ${100 + n})
			RETURNING id`;
		for (const table of ['staff_schedules', 'staff_services', 'staff_areas'])
			await copyRows(sql, table, template.id, copy.id);
	}

	const [service] = await sql<{ id: string; price: number; before: number; after: number }[]>`
		SELECT id, price, padding_before_minutes AS before, padding_after_minutes AS after
		FROM services WHERE slug = 'regular-clean-2-hours'`;
	// One statement: the appointments, then each one's customer. A time the cleaner already has
	// is skipped (the exclusion constraint answers ON CONFLICT DO NOTHING).
	const [{ count }] = await sql<{ count: number }[]>`
		WITH slot AS (
			SELECT s.id AS staff_id, s.location_id,
				((d::date + t::time) AT TIME ZONE 'Europe/London') AS start_time,
				row_number() OVER () AS n
			FROM staff s
			CROSS JOIN generate_series(${monday}::date, ${monday}::date + 27, interval '1 day') d
			CROSS JOIN unnest(${TIMES}::text[]) t
			WHERE s.is_active AND extract(isodow FROM d) <= 6
		), made AS (
			INSERT INTO appointments (staff_id, service_id, location_id, start_time, end_time,
				blocked_from, blocked_until, status)
			SELECT staff_id, ${service.id}, location_id, start_time, start_time + interval '2 hours',
				start_time - make_interval(mins => ${service.before}),
				start_time + interval '2 hours' + make_interval(mins => ${service.after}),
				CASE WHEN n % 20 = 0 THEN 'cancelled' WHEN n % 10 = 3 THEN 'pending' ELSE 'confirmed' END
			FROM slot
			-- One time in seven is left free, as in a real diary (and for the move timed below).
			WHERE n % 7 <> 0
			ON CONFLICT DO NOTHING
			RETURNING id, status
		), customer AS (
			SELECT id, row_number() OVER (ORDER BY id) - 1 AS i, count(*) OVER () AS total FROM customers
		), booked AS (
			INSERT INTO customer_appointments (customer_id, appointment_id, total_price, payment_status)
			SELECT c.id, m.id, ${service.price},
				CASE WHEN m.status = 'confirmed' THEN 'paid' ELSE 'unpaid' END
			FROM (SELECT id, status, row_number() OVER () AS n FROM made) m
			JOIN customer c ON c.i = m.n % c.total
			RETURNING 1
		)
		SELECT count(*)::int AS count FROM booked`;

	// An office user who sees everything, signing in with the demo password (no two-step code:
	// that is for admins).
	await sql`
		WITH u AS (
			INSERT INTO users (email, username, name, role, is_staff)
			VALUES (${BENCH_MANAGER}, 'bench.office', 'Bench Office', 'manager', true) RETURNING id
		), p AS (
			INSERT INTO user_passwords (user_id, hash)
			SELECT u.id, pw.hash FROM u, user_passwords pw
			JOIN users a ON a.id = pw.user_id WHERE a.email = 'admin@valclean.test'
		)
		INSERT INTO managers (user_id, can_manage_all, permissions)
		SELECT id, true, '{"manage_services": true, "manage_staff": true}'::jsonb FROM u`;
	return { bookings: count };
}
