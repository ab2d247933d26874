import { and, eq, gte, lt, ne, sql } from 'drizzle-orm';
import { appointments, customerAppointments } from '../../drizzle/schema.ts';
import type { OfficeScope } from '../../sync/auth.ts';
import type { DbOrTx } from '../db/client.ts';
import { periodsOf, weekOf, type ReportFilters } from './filters.ts';
import { localDaySql } from './period.ts';
import { appointmentsInReach } from './reach.ts';
import { rate, type ReportTable } from './table.ts';

/**
 * Cancellations and no-shows per week of the clean: of the bookings for appointments starting that
 * week (all but holds that ran out, which were never booked), how many were cancelled and how many
 * the customer missed, and each as a share of them.
 */
export async function cancellationsReport(
	db: DbOrTx,
	scope: OfficeScope,
	f: ReportFilters
): Promise<ReportTable> {
	const day = localDaySql(appointments.startTime, f.timeZone);
	const counted = await db
		.select({
			day,
			bookings: sql<number>`count(*)::int`,
			cancelled: sql<number>`(count(*) filter (where ${appointments.status} = 'cancelled'))::int`,
			noShows: sql<number>`(count(*) filter (where ${appointments.status} = 'no_show'))::int`
		})
		.from(customerAppointments)
		.innerJoin(appointments, eq(appointments.id, customerAppointments.appointmentId))
		.where(
			and(
				gte(appointments.startTime, f.start),
				lt(appointments.startTime, f.end),
				ne(appointments.status, 'expired'),
				appointmentsInReach(scope, f)
			)
		)
		.groupBy(sql`1`);
	const weeks = new Map(
		periodsOf(f, 'week').map((w) => [w, { week: w, bookings: 0, cancelled: 0, noShows: 0 }])
	);
	for (const r of counted) {
		const w = weeks.get(weekOf(r.day))!;
		w.bookings += r.bookings;
		w.cancelled += r.cancelled;
		w.noShows += r.noShows;
	}
	const withRates = (r: { bookings: number; cancelled: number; noShows: number }) => ({
		...r,
		cancellationRate: rate(r.cancelled, r.bookings),
		noShowRate: rate(r.noShows, r.bookings)
	});
	const rows = [...weeks.values()];
	const sum = (k: 'bookings' | 'cancelled' | 'noShows') => rows.reduce((s, r) => s + r[k], 0);
	return {
		columns: [
			{ key: 'week', label: 'Week from', kind: 'text' },
			{ key: 'bookings', label: 'Bookings', kind: 'count' },
			{ key: 'cancelled', label: 'Cancelled', kind: 'count' },
			{ key: 'cancellationRate', label: 'Cancellation rate', kind: 'rate' },
			{ key: 'noShows', label: 'No-shows', kind: 'count' },
			{ key: 'noShowRate', label: 'No-show rate', kind: 'rate' }
		],
		rows: rows.map(withRates),
		total: {
			week: 'Total',
			...withRates({
				bookings: sum('bookings'),
				cancelled: sum('cancelled'),
				noShows: sum('noShows')
			})
		}
	};
}
