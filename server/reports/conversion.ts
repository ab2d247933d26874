import { and, eq, gte, lt, ne, sql } from 'drizzle-orm';
import { appointments, customerAppointments, slotSearches } from '../../drizzle/schema.ts';
import type { OfficeScope } from '../../sync/auth.ts';
import type { DbOrTx } from '../db/client.ts';
import { periodsOf, weekOf, type ReportFilters } from './filters.ts';
import { localDaySql } from './period.ts';
import { appointmentsInReach } from './reach.ts';
import { rate, type ReportTable } from './table.ts';

/**
 * Booking conversion per week: public slot searches (slot_searches) against bookings made that week
 * (by when they were made, whatever day they are for; holds that ran out unpaid are not bookings).
 * A search belongs to no location or cleaner — the public search spans them all — so searches are
 * the company's in every view, while bookings follow the scope and the location filter.
 */
export async function conversionReport(
	db: DbOrTx,
	scope: OfficeScope,
	f: ReportFilters
): Promise<ReportTable> {
	const searchDay = localDaySql(slotSearches.searchedAt, f.timeZone);
	const bookingDay = localDaySql(customerAppointments.createdAt, f.timeZone);
	const [searched, made] = await Promise.all([
		db
			.select({ day: searchDay, n: sql<number>`count(*)::int` })
			.from(slotSearches)
			.where(and(gte(slotSearches.searchedAt, f.start), lt(slotSearches.searchedAt, f.end)))
			.groupBy(sql`1`),
		db
			.select({ day: bookingDay, n: sql<number>`count(*)::int` })
			.from(customerAppointments)
			.innerJoin(appointments, eq(appointments.id, customerAppointments.appointmentId))
			.where(
				and(
					gte(customerAppointments.createdAt, f.start),
					lt(customerAppointments.createdAt, f.end),
					ne(appointments.status, 'expired'),
					appointmentsInReach(scope, f)
				)
			)
			.groupBy(sql`1`)
	]);
	const weeks = new Map(
		periodsOf(f, 'week').map((w) => [w, { week: w, searches: 0, bookings: 0 }])
	);
	for (const r of searched) weeks.get(weekOf(r.day))!.searches += r.n;
	for (const r of made) weeks.get(weekOf(r.day))!.bookings += r.n;
	const rows = [...weeks.values()];
	const searches = rows.reduce((s, r) => s + r.searches, 0);
	const bookings = rows.reduce((s, r) => s + r.bookings, 0);
	return {
		columns: [
			{ key: 'week', label: 'Week from', kind: 'text' },
			{ key: 'searches', label: 'Slot searches', kind: 'count' },
			{ key: 'bookings', label: 'Bookings made', kind: 'count' },
			{ key: 'conversion', label: 'Conversion', kind: 'rate' }
		],
		rows: rows.map((r) => ({ ...r, conversion: rate(r.bookings, r.searches) })),
		total: { week: 'Total', searches, bookings, conversion: rate(bookings, searches) }
	};
}
