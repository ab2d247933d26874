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
