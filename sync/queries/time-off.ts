import { defineQuery } from '@rocicorp/zero';
import { z } from 'zod';
import { zql } from '../schema.ts';

// The office's time-off page. Security: admins see every cleaner's time off, a manager only that
// of the cleaners in their scope (managed directly or through a location); anyone else nothing.

/**
 * Pending requests, and decided time off that ends after `since` (epoch ms), with the cleaner.
 */
export const officeTimeOff = defineQuery(
	z.object({ since: z.number().int() }),
	({ args: { since }, ctx }) => {
		const q = zql.staffTimeOff
			.where(({ or, cmp }) => or(cmp('status', 'requested'), cmp('endsAt', '>', since)))
			.related('staff')
			.orderBy('startsAt', 'asc');
		const scope = ctx?.office;
		if (!scope) return q.where('id', 'IN', []);
		return scope.all ? q : q.where('staffId', 'IN', scope.staffIDs);
	}
);

/**
 * A cleaner's booked jobs that overlap [from, to), with service and customer: what the office must
 * move if it approves time off over them. Only for a cleaner in the caller's scope.
 */
export const timeOffClashes = defineQuery(
	z.object({ staffId: z.uuid(), from: z.number().int(), to: z.number().int() }),
	({ args: { staffId, from, to }, ctx }) => {
		const q = zql.appointments
			.where('staffId', staffId)
			.where('startTime', '<', to)
			.where('endTime', '>', from)
			.where('status', 'NOT IN', ['cancelled', 'expired'])
			.related('service')
			.related('customerAppointments', (ca) => ca.related('customer'))
			.orderBy('startTime', 'asc');
		const scope = ctx?.office;
		if (!scope || (!scope.all && !scope.staffIDs.includes(staffId))) return q.where('id', 'IN', []);
		return q;
	}
);
