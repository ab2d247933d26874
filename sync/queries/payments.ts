import { defineQuery } from '@rocicorp/zero';
import { z } from 'zod';
import { zql } from '../schema.ts';

/**
 * A booking's money for the office's booking card: the booking (of the appointment that heads a
 * series, where its payments are kept) with its payments and refunds, if the appointment is in the
 * office user's scope. Anyone else gets nothing.
 */
export const officeBookingPayments = defineQuery(
	z.object({ appointmentId: z.uuid() }),
	({ args: { appointmentId }, ctx }) => {
		const q = zql.customerAppointments
			.where('appointmentId', appointmentId)
			.related('payments', (p) => p.orderBy('createdAt', 'asc'))
			.related('refunds', (r) => r.orderBy('refundedAt', 'asc'))
			.one();
		const scope = ctx?.office;
		if (!scope) return q.where('id', 'IN', []);
		if (scope.all) return q;
		const { staffIDs, locationIDs } = scope;
		return q.whereExists('appointment', (a) =>
			a.where(({ or, cmp }) =>
				or(cmp('staffId', 'IN', staffIDs), cmp('locationId', 'IN', locationIDs))
			)
		);
	}
);
