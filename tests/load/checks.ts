import type { BookingResult } from './bookings.ts';
import type { ClientPool } from './client-pool.ts';
import { section, type LoadRun } from './run.ts';
import { latencyLine } from './stats.ts';

/** Every 201 is a row; no rows the answers do not account for; no cleaner booked twice at once. */
export async function checkRows(
	{ sql }: LoadRun,
	results: BookingResult[],
	customerPrefix: string
) {
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

/** Did every client see every booking, and how long after it was made? */
export async function phaseDelivery(
	{ options }: LoadRun,
	pool: ClientPool,
	created: BookingResult[],
	title: string
) {
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
