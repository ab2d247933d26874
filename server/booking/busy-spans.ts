import { and, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import { staffBusy } from '../../drizzle/schema.ts';
import type { Interval } from '../../sync/domain/local-day.ts';
import type { DbOrTx } from '../db/client.ts';
import { prepared } from '../db/prepared.ts';

/** A busy span and where the cleaner is then: the job's customer postcode, null for time off. */
export type BusySpan = Interval & { staffId: string; postcode: string | null };

/**
 * What keeps these cleaners busy within `span`, from `staff_busy` (the padded spans of their
 * bookings that still hold them, and approved time off) — the same rows the booking page syncs —
 * with each job's postcode for the travel rule (server only: postcodes never reach the public
 * page). `excludeAppointmentId` is left out, for a booking being moved.
 */
export async function busySpans(
	db: DbOrTx,
	staffIds: string[],
	span: Interval,
	excludeAppointmentId?: string
): Promise<BusySpan[]> {
	const rows =
		staffIds.length === 1 && !excludeAppointmentId
			? await busyOfCleaner(db, {
					staffId: staffIds[0],
					// As the driver takes them (a placeholder in a comparison is not encoded).
					from: new Date(span.start).toISOString(),
					until: new Date(span.end).toISOString()
				})
			: await busyQuery(db)
					.from(staffBusy)
					.where(
						and(
							inArray(staffBusy.staffId, staffIds),
							lt(staffBusy.blockedFrom, new Date(span.end)),
							gt(staffBusy.blockedUntil, new Date(span.start)),
							excludeAppointmentId ? ne(staffBusy.id, excludeAppointmentId) : undefined
						)
					);
	return rows.map((b) => ({
		staffId: b.staffId,
		start: b.from.getTime(),
		end: b.until.getTime(),
		postcode: b.postcode
	}));
}

const busyQuery = (db: DbOrTx) =>
	db.select({
		staffId: staffBusy.staffId,
		from: staffBusy.blockedFrom,
		until: staffBusy.blockedUntil,
		// A staff_busy row's id is its appointment's; a group booking's customers share a place.
		postcode: sql<string | null>`(SELECT c.postcode FROM customer_appointments ca
			JOIN customers c ON c.id = ca.customer_id
			WHERE ca.appointment_id = staff_busy.id LIMIT 1)`
	});

// One cleaner's, as every booking reads it: built once (server/db/prepared.ts).
const busyOfCleaner = prepared('busy-of-cleaner', (db) =>
	busyQuery(db)
		.from(staffBusy)
		.where(
			and(
				eq(staffBusy.staffId, sql.placeholder('staffId')),
				lt(staffBusy.blockedFrom, sql.placeholder('until')),
				gt(staffBusy.blockedUntil, sql.placeholder('from'))
			)
		)
);
