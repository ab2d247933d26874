import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import {
	appointments,
	customerAppointments,
	paymentRefunds,
	payments
} from '../../drizzle/schema.ts';
import type { OfficeScope } from '../../sync/auth.ts';
import type { DbOrTx } from '../db/client.ts';
import { monthOf, periodsOf, weekOf, type ReportFilters } from './filters.ts';
import { localDaySql } from './period.ts';
import { appointmentsInReach } from './reach.ts';
import type { ReportTable } from './table.ts';

/**
 * Revenue by week or month, in pence: money taken (payments that succeeded, including those later
 * refunded, on the day received) minus money given back (refunds, on the day refunded). A payment
 * counts for the booking's location and cleaner, like everything else in the reports.
 */
export async function revenueReport(
	db: DbOrTx,
	scope: OfficeScope,
	f: ReportFilters,
	by: 'week' | 'month'
): Promise<ReportTable> {
	const paidAt = sql`coalesce(${payments.receivedAt}, ${payments.createdAt})`;
	const paidDay = localDaySql(paidAt, f.timeZone);
	const refundDay = localDaySql(paymentRefunds.refundedAt, f.timeZone);
	const [taken, givenBack] = await Promise.all([
		db
			.select({ day: paidDay, pence: sql<number>`sum(${payments.amount})::int` })
			.from(payments)
			.innerJoin(customerAppointments, eq(customerAppointments.id, payments.customerAppointmentId))
			.innerJoin(appointments, eq(appointments.id, customerAppointments.appointmentId))
			.where(
				and(
					inArray(payments.status, ['succeeded', 'refunded']),
					sql`${paidAt} >= ${f.start.toISOString()}::timestamptz`,
					sql`${paidAt} < ${f.end.toISOString()}::timestamptz`,
					appointmentsInReach(scope, f)
				)
			)
			.groupBy(sql`1`),
		db
			.select({ day: refundDay, pence: sql<number>`sum(${paymentRefunds.amount})::int` })
			.from(paymentRefunds)
			.innerJoin(
				customerAppointments,
				eq(customerAppointments.id, paymentRefunds.customerAppointmentId)
			)
			.innerJoin(appointments, eq(appointments.id, customerAppointments.appointmentId))
			.where(
				and(
					gte(paymentRefunds.refundedAt, f.start),
					lt(paymentRefunds.refundedAt, f.end),
					appointmentsInReach(scope, f)
				)
			)
			.groupBy(sql`1`)
	]);
	const periodOf = by === 'week' ? weekOf : monthOf;
	const rows = new Map(
		periodsOf(f, by).map((p) => [p, { period: p, received: 0, refunded: 0, net: 0 }])
	);
	for (const { day, pence } of taken) {
		const row = rows.get(periodOf(day))!;
		row.received += pence;
		row.net += pence;
	}
	for (const { day, pence } of givenBack) {
		const row = rows.get(periodOf(day))!;
		row.refunded += pence;
		row.net -= pence;
	}
	const list = [...rows.values()];
	const total = (k: 'received' | 'refunded' | 'net') => list.reduce((s, r) => s + r[k], 0);
	return {
		columns: [
			{ key: 'period', label: by === 'week' ? 'Week from' : 'Month', kind: 'text' },
			{ key: 'received', label: 'Received', kind: 'pence' },
			{ key: 'refunded', label: 'Refunded', kind: 'pence' },
			{ key: 'net', label: 'Net revenue', kind: 'pence' }
		],
		rows: list,
		total: {
			period: 'Total',
			received: total('received'),
			refunded: total('refunded'),
			net: total('net')
		}
	};
}
