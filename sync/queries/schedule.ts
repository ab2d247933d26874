import { defineQuery } from '@rocicorp/zero';
import { zql } from '../schema.ts';

// A cleaner's own week and time off, for "My schedule" in the field app. Security: only the
// signed-in cleaner's rows (another cleaner's time off and its reason never reach the device);
// nothing for anyone else.

/** My weekly working hours, Monday first, each stretch with its breaks. */
export const mySchedule = defineQuery(({ ctx }) => {
	const q = zql.staffSchedules.orderBy('dayOfWeek', 'asc').orderBy('startMinute', 'asc');
	return ctx?.staffID ? q.where('staffId', ctx.staffID) : q.where('id', 'IN', []);
});

/** All my time off, requested, approved or rejected, earliest first. */
export const myTimeOff = defineQuery(({ ctx }) => {
	const q = zql.staffTimeOff.orderBy('startsAt', 'asc');
	return ctx?.staffID ? q.where('staffId', ctx.staffID) : q.where('id', 'IN', []);
});
