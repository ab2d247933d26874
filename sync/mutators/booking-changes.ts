import { defineMutator } from '@rocicorp/zero';
import { z } from 'zod';
import { officeCanManageAppointment } from '../auth.ts';
import { zql } from '../schema.ts';

export const cancelBookingArgs = z.strictObject({
	id: z.uuid(),
	/** The booking's cancellation token, for a customer without an account. */
	token: z.uuid().optional()
});
export type CancelBookingArgs = z.infer<typeof cancelBookingArgs>;

export const rescheduleBookingArgs = z.strictObject({
	id: z.uuid(),
	startTime: z.number().int(),
	/** The office may hand the job to another cleaner while moving it. */
	staffId: z.uuid().optional(),
	token: z.uuid().optional(),
	/**
	 * The office moves it even though the cleaner cannot get there in time from the job before or
	 * on to the next (TRAVEL_CONFLICT), on purpose; recorded in the audit log. Never an overlap.
	 */
	allowTravelConflict: z.boolean().optional()
});
export type RescheduleBookingArgs = z.infer<typeof rescheduleBookingArgs>;

/**
 * Cancels a booking. On the device an office user sees it cancelled at once; the server checks who
 * may (office in scope, the customer, or the holder of the token) and the customer's cut-off.
 */
export const cancelBooking = defineMutator(cancelBookingArgs, async ({ tx, args, ctx }) => {
	if (tx.location !== 'client') return;
	const appointment = await tx.run(zql.appointments.where('id', args.id).one());
	if (!appointment || !officeCanManageAppointment(ctx?.office ?? null, appointment)) return;
	await tx.mutate.appointments.update({ id: args.id, status: 'cancelled' });
});

/** Moves a booking; optimistic for office users on the device, decided by the server. */
export const rescheduleBooking = defineMutator(rescheduleBookingArgs, async ({ tx, args, ctx }) => {
	if (tx.location !== 'client') return;
	const appointment = await tx.run(zql.appointments.where('id', args.id).one());
	if (!appointment || !officeCanManageAppointment(ctx?.office ?? null, appointment)) return;
	const shift = args.startTime - appointment.startTime;
	await tx.mutate.appointments.update({
		id: args.id,
		staffId: args.staffId ?? appointment.staffId,
		startTime: args.startTime,
		endTime: appointment.endTime + shift,
		blockedFrom: appointment.blockedFrom + shift,
		blockedUntil: appointment.blockedUntil + shift
	});
});
