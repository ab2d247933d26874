import { and, asc, eq, gt, gte, inArray, lt, notInArray } from 'drizzle-orm';
import { appointments, staff, staffSchedules, staffTimeOff } from '../../drizzle/schema.ts';
import type { OfficeScope } from '../../sync/auth.ts';
import { subtractIntervals } from '../../sync/domain/intervals.ts';
import { localClock, workingIntervals } from '../../sync/domain/working-hours.ts';
import type { DbOrTx } from '../db/client.ts';
import { daysOf, type ReportFilters } from './filters.ts';
import { staffInReach } from './reach.ts';
import { rate, type ReportTable } from './table.ts';

const MINUTE = 60_000;

/**
 * Cleaner utilisation: booked time against working time, per cleaner, in minutes. Working time is
 * each day's weekly hours less breaks (working-hours.ts) less approved time off; booked time is the
 * length of every appointment starting in the range that kept the cleaner's time (not cancelled,
 * not a hold that ran out; a no-show kept it). Cleaners of the scope, based at the location if one
 * is chosen.
 */
export async function utilisationReport(
	db: DbOrTx,
	scope: OfficeScope,
	f: ReportFilters
): Promise<ReportTable> {
	const cleaners = await db
		.select({ id: staff.id, name: staff.name })
		.from(staff)
		.where(and(eq(staff.isActive, true), staffInReach(scope, f)))
		.orderBy(asc(staff.name));
	const ids = cleaners.map((c) => c.id);
	const [hours, timeOff, jobs] = ids.length
		? await Promise.all([
				db.select().from(staffSchedules).where(inArray(staffSchedules.staffId, ids)),
				db
					.select()
					.from(staffTimeOff)
					.where(
						and(
							inArray(staffTimeOff.staffId, ids),
							eq(staffTimeOff.status, 'approved'),
							lt(staffTimeOff.startsAt, f.end),
							gt(staffTimeOff.endsAt, f.start)
						)
					),
				db
					.select({
						staffId: appointments.staffId,
						start: appointments.startTime,
						end: appointments.endTime
					})
					.from(appointments)
					.where(
						and(
							inArray(appointments.staffId, ids),
							gte(appointments.startTime, f.start),
							lt(appointments.startTime, f.end),
							notInArray(appointments.status, ['cancelled', 'expired'])
						)
					)
			])
		: [[], [], []];
	// Each day's clock once for all cleaners (the time-zone maths is the costly part).
	const days = daysOf(f).map((d) => ({ date: d, clock: localClock(d, f.timeZone) }));
	const rows = cleaners.map((c) => {
		const week = hours.filter((h) => h.staffId === c.id);
		const off = timeOff
			.filter((t) => t.staffId === c.id)
			.map((t) => ({ start: t.startsAt.getTime(), end: t.endsAt.getTime() }));
		let working = 0;
		for (const { date, clock } of days) {
			const open = subtractIntervals(workingIntervals(date, f.timeZone, week, clock), off);
			for (const i of open) working += i.end - i.start;
		}
		const booked = jobs
			.filter((j) => j.staffId === c.id)
			.reduce((s, j) => s + (j.end.getTime() - j.start.getTime()), 0);
		return {
			cleaner: c.name,
			bookedMinutes: Math.round(booked / MINUTE),
			workingMinutes: Math.round(working / MINUTE)
		};
	});
	const booked = rows.reduce((s, r) => s + r.bookedMinutes, 0);
	const working = rows.reduce((s, r) => s + r.workingMinutes, 0);
	return {
		columns: [
			{ key: 'cleaner', label: 'Cleaner', kind: 'text' },
			{ key: 'bookedMinutes', label: 'Booked hours', kind: 'minutes' },
			{ key: 'workingMinutes', label: 'Working hours', kind: 'minutes' },
			{ key: 'utilisation', label: 'Utilisation', kind: 'rate' }
		],
		rows: rows.map((r) => ({ ...r, utilisation: rate(r.bookedMinutes, r.workingMinutes) })),
		total: {
			cleaner: 'Total',
			bookedMinutes: booked,
			workingMinutes: working,
			utilisation: rate(booked, working)
		}
	};
}
