import { defineQuery } from '@rocicorp/zero';
import { z } from 'zod';
import type { AuthContext } from '../auth.ts';
import { zql } from '../schema.ts';

const dayRange = z.object({
	/** Epoch ms of the local day's start and end (the caller works out the day in Europe/London). */
	from: z.number().int(),
	to: z.number().int()
});

type AppointmentQuery = ReturnType<typeof withDetails>;

// What the office sees of a booking: its cleaner, service, customer and payments, its notes, and
// the field's events: the accepted ones folded on the office's device into the job's state, the
// refused ones shown (what a cleaner did on a job taken from them is never hidden).
const withDetails = (q: typeof zql.appointments) =>
	q
		.related('staff')
		.related('service')
		.related('customerAppointments', (ca) =>
			ca.related('customer').related('payments').related('refunds')
		)
		.related('notes')
		.related('fieldEvents');

/** Only the appointments the signed-in office user manages; nothing for anyone else. */
function inOfficeScope(q: AppointmentQuery, ctx: AuthContext | undefined): AppointmentQuery {
	const scope = ctx?.office;
	if (!scope) return q.where('id', 'IN', []);
	if (scope.all) return q;
	const { staffIDs, locationIDs } = scope;
	return q.where(({ or, cmp }) =>
		or(cmp('staffId', 'IN', staffIDs), cmp('locationId', 'IN', locationIDs))
	);
}

/** The office's calendar: appointments starting in [from, to), a day or a week. */
export const officeDay = defineQuery(dayRange, ({ args: { from, to }, ctx }) =>
	inOfficeScope(
		withDetails(zql.appointments.where('startTime', '>=', from).where('startTime', '<', to)),
		ctx
	).orderBy('startTime', 'asc')
);

/** One booking, for its page: the same scope, so a URL cannot open someone else's. */
export const officeBooking = defineQuery(z.object({ id: z.uuid() }), ({ args: { id }, ctx }) =>
	inOfficeScope(withDetails(zql.appointments.where('id', id)), ctx).one()
);

/** The cleaners an office user manages, for the columns of the office day. */
export const officeStaff = defineQuery(({ ctx }) => {
	const q = zql.staff.where('isActive', true).orderBy('position', 'asc').orderBy('name', 'asc');
	const scope = ctx?.office;
	if (!scope) return q.where('id', 'IN', []);
	if (scope.all) return q;
	const { staffIDs } = scope;
	return q.where('id', 'IN', staffIDs);
});
