import { defineQuery } from '@rocicorp/zero';
import { zql } from '../schema.ts';

/**
 * The business settings the office calendar works by (slot step, time zone), live: a drop snaps
 * to the step the server's slot rule will accept. Office users only.
 */
export const officeCalendarSettings = defineQuery(({ ctx }) => {
	const q = zql.businessSettings.where('id', 1).one();
	return ctx?.office ? q : q.where('id', -1);
});

/**
 * Where the cleaners in scope set off from and how they travel, for the calendar's travel bars.
 * Home postcodes are personal data: office users only, and only for the cleaners they manage.
 */
export const officeCalendarTravel = defineQuery(({ ctx }) => {
	const scope = ctx?.office;
	if (!scope) return zql.staffTravel.where('staffId', 'IN', []);
	return scope.all ? zql.staffTravel : zql.staffTravel.where('staffId', 'IN', scope.staffIDs);
});
