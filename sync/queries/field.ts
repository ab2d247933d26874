import { defineQuery } from '@rocicorp/zero';
import { z } from 'zod';
import { zql } from '../schema.ts';

import { FIELD_WINDOW_DAYS } from '../domain/field-window.ts';

const DAY = 86_400_000;

/**
 * A cleaner's own jobs starting in [from, to), with service, customer and the booking's access
 * notes, for the field app. Security: only the signed-in cleaner's jobs, and only from yesterday
 * to the window's end by the server's clock (this runs again on the server, where Date.now() is
 * the server's), so access notes never reach a device earlier than that; nothing for anyone else.
 */
export const myJobs = defineQuery(
	z.object({ from: z.number().int(), to: z.number().int() }),
	({ args: { from, to }, ctx }) => {
		const now = Date.now();
		const since = Math.max(from, now - DAY);
		const until = Math.min(to, now + (FIELD_WINDOW_DAYS + 1) * DAY);
		const q = zql.appointments
			.where('startTime', '>=', since)
			.where('startTime', '<', until)
			.where('status', 'NOT IN', ['cancelled', 'expired'])
			.related('service')
			.related('customerAppointments', (ca) => ca.related('customer'))
			.orderBy('startTime', 'asc');
		return ctx?.staffID ? q.where('staffId', ctx.staffID) : q.where('id', 'IN', []);
	}
);

/**
 * One of the cleaner's own jobs with every event they sent for it (refused ones too), inside the
 * same window as `myJobs`, so a job's access notes reach the phone no earlier than through the list.
 */
export const myJob = defineQuery(z.object({ id: z.uuid() }), ({ args: { id }, ctx }) => {
	const now = Date.now();
	const q = zql.appointments
		.where('id', id)
		.where('startTime', '>=', now - DAY)
		.where('startTime', '<', now + (FIELD_WINDOW_DAYS + 1) * DAY)
		.related('service')
		.related('customerAppointments', (ca) => ca.related('customer'))
		.related('fieldEvents', (e) =>
			e.where('staffId', 'IN', ctx?.staffID ? [ctx.staffID] : []).orderBy('hlc', 'asc')
		);
	return (ctx?.staffID ? q.where('staffId', ctx.staffID) : q.where('id', 'IN', [])).one();
});

/** The business's travel settings, for the cleaner's estimate of each trip. Field staff only. */
export const travelSettings = defineQuery(({ ctx }) => {
	const q = zql.businessSettings.where('id', 1).one();
	return ctx?.staffID ? q : q.where('id', -1);
});

/** The signed-in cleaner's home postcode and own travel values (their first trip of a day). */
export const myTravel = defineQuery(({ ctx }) => {
	const q = zql.staffTravel.one();
	return ctx?.staffID ? q.where('staffId', ctx.staffID) : q.where('staffId', 'IN', []);
});
