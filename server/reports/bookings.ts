import { and, eq, gte, lt, notInArray, sql } from 'drizzle-orm';
import { appointments, customerAppointments, customers, services } from '../../drizzle/schema.ts';
import type { OfficeScope } from '../../sync/auth.ts';
import { parsePostcode } from '../../sync/domain/postcode.ts';
import type { DbOrTx } from '../db/client.ts';
import type { ReportFilters } from './filters.ts';
import { appointmentsInReach } from './reach.ts';
import type { ReportTable } from './table.ts';

/**
 * A booking here is a customer's place on an appointment that starts in the range and still took
 * the cleaner's time: cancelled bookings and holds that ran out are not counted (the
 * cancellations report counts them); no-shows are, since the time was kept for them.
 */
const NOT_BOOKINGS = ['cancelled', 'expired'] as const;

const minutesSql = sql<number>`sum(extract(epoch from ${appointments.endTime} - ${appointments.startTime}) / 60)::int`;

function booked(scope: OfficeScope, f: ReportFilters) {
	return and(
		gte(appointments.startTime, f.start),
		lt(appointments.startTime, f.end),
		notInArray(appointments.status, [...NOT_BOOKINGS]),
		appointmentsInReach(scope, f)
	);
}

/** Bookings and booked hours per service, most booked first. */
export async function bookingsByServiceReport(
	db: DbOrTx,
	scope: OfficeScope,
	f: ReportFilters
): Promise<ReportTable> {
	const rows = await db
		.select({
			service: services.name,
			bookings: sql<number>`count(*)::int`,
			minutes: minutesSql
		})
		.from(customerAppointments)
		.innerJoin(appointments, eq(appointments.id, customerAppointments.appointmentId))
		.innerJoin(services, eq(services.id, appointments.serviceId))
		.where(booked(scope, f))
		.groupBy(services.id, services.name)
		.orderBy(sql`count(*) desc`, services.name);
	return {
		columns: [
			{ key: 'service', label: 'Service', kind: 'text' },
			{ key: 'bookings', label: 'Bookings', kind: 'count' },
			{ key: 'minutes', label: 'Booked hours', kind: 'minutes' }
		],
		rows,
		total: {
			service: 'Total',
			bookings: rows.reduce((s, r) => s + r.bookings, 0),
			minutes: rows.reduce((s, r) => s + r.minutes, 0)
		}
	};
}

/**
 * Bookings per postcode district (the outward code of the customer's postcode: 'N16 9PD' → 'N16'),
 * most booked first. A postcode that does not parse is counted under 'Unknown'.
 */
export async function bookingsByDistrictReport(
	db: DbOrTx,
	scope: OfficeScope,
	f: ReportFilters
): Promise<ReportTable> {
	const byPostcode = await db
		.select({ postcode: customers.postcode, bookings: sql<number>`count(*)::int` })
		.from(customerAppointments)
		.innerJoin(appointments, eq(appointments.id, customerAppointments.appointmentId))
		.innerJoin(customers, eq(customers.id, customerAppointments.customerId))
		.where(booked(scope, f))
		.groupBy(customers.postcode);
	const counts = new Map<string, number>();
	for (const { postcode, bookings } of byPostcode) {
		const parsed = parsePostcode(postcode);
		const district = parsed.ok ? parsed.outward : 'Unknown';
		counts.set(district, (counts.get(district) ?? 0) + bookings);
	}
	const rows = [...counts]
		.map(([district, bookings]) => ({ district, bookings }))
		.sort((a, b) => b.bookings - a.bookings || a.district.localeCompare(b.district));
	return {
		columns: [
			{ key: 'district', label: 'Postcode district', kind: 'text' },
			{ key: 'bookings', label: 'Bookings', kind: 'count' }
		],
		rows,
		total: { district: 'Total', bookings: rows.reduce((s, r) => s + r.bookings, 0) }
	};
}
