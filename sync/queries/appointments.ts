import { defineQuery } from '@rocicorp/zero';
import { z } from 'zod';
import type { AuthContext } from '../auth.ts';
import { zql } from '../schema.ts';

const dayRange = z.object({
	/** Epoch ms of the local day's start and end (the caller works out the day in Europe/London). */
	from: z.number().int(),
	to: z.number().int()
});

/** Only the appointments the signed-in office user manages; nothing for anyone else. */
function officeAppointments(ctx: AuthContext | undefined): typeof zql.appointments {
	const scope = ctx?.office;
	if (!scope) return zql.appointments.where('id', 'IN', []);
	if (scope.all) return zql.appointments;
	const { staffIDs, locationIDs } = scope;
	return zql.appointments.where(({ or, cmp }) =>
		or(cmp('staffId', 'IN', staffIDs), cmp('locationId', 'IN', locationIDs))
	);
}

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

/** The office's day with every detail (the Today board): appointments starting in [from, to). */
export const officeDay = defineQuery(dayRange, ({ args: { from, to }, ctx }) =>
	withDetails(
		officeAppointments(ctx).where('startTime', '>=', from).where('startTime', '<', to)
	).orderBy('startTime', 'asc')
);

/**
 * The resource calendar's day or week: only what a booking's block shows (its service's name and
 * colour, the customer's name and postcode, the field's events for its status). A busy company's
 * week is hundreds of bookings: every relation left out is work the device does not do.
 */
// The calendar joins services itself (catalog.officeServices, a handful of rows): one relationship
// less for each of a busy week's hundreds of bookings when Zero builds the view.
export const officeCalendar = defineQuery(dayRange, ({ args: { from, to }, ctx }) =>
	officeAppointments(ctx)
		.where('startTime', '>=', from)
		.where('startTime', '<', to)
		.where('status', '!=', 'expired')
		.related('customerAppointments', (ca) => ca.related('customer'))
		.related('fieldEvents')
);

/** One booking, for its page: the same scope, so a URL cannot open someone else's. */
export const officeBooking = defineQuery(z.object({ id: z.uuid() }), ({ args: { id }, ctx }) =>
	withDetails(officeAppointments(ctx).where('id', id)).one()
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
