import { defineQuery } from '@rocicorp/zero';
import { z } from 'zod';
import { zql } from '../schema.ts';

const dayRange = z.object({
	/** Epoch ms of the local day's start and end (the caller works out the day in Europe/London). */
	from: z.number().int(),
	to: z.number().int()
});

/**
 * The office's day: appointments starting in [from, to) with their cleaner, service and customer,
 * limited to what the signed-in office user manages. Anyone else gets nothing.
 */
export const officeDay = defineQuery(dayRange, ({ args: { from, to }, ctx }) => {
	let q = zql.appointments
		.where('startTime', '>=', from)
		.where('startTime', '<', to)
		.related('staff')
		.related('service')
		.related('customerAppointments', (ca) => ca.related('customer'))
		.related('notes')
		// The field's events: the accepted ones folded on the office's device into the job's state,
		// the refused ones shown (what a cleaner did on a job taken from them is never hidden).
		.related('fieldEvents')
		.orderBy('startTime', 'asc');
	const scope = ctx?.office;
	if (!scope) return q.where('id', 'IN', []);
	if (!scope.all) {
		const { staffIDs, locationIDs } = scope;
		q = q.where(({ or, cmp }) =>
			or(cmp('staffId', 'IN', staffIDs), cmp('locationId', 'IN', locationIDs))
		);
	}
	return q;
});

/** The cleaners an office user manages, for the columns of the office day. */
export const officeStaff = defineQuery(({ ctx }) => {
	const q = zql.staff.where('isActive', true).orderBy('position', 'asc').orderBy('name', 'asc');
	const scope = ctx?.office;
	if (!scope) return q.where('id', 'IN', []);
	if (scope.all) return q;
	const { staffIDs } = scope;
	return q.where('id', 'IN', staffIDs);
});
