import { ApplicationError, defineMutator } from '@rocicorp/zero';
import { z } from 'zod';
import { officeCanManageAppointment } from '../auth.ts';
import { zql } from '../schema.ts';

export const MAX_INTERNAL_NOTES = 2000;

export const updateInternalNotesArgs = z.object({
	id: z.uuid(),
	internalNotes: z.string().max(MAX_INTERNAL_NOTES)
});

/**
 * The office edits a booking's internal notes (never shown to the customer). Runs optimistically on
 * the device and again on the server, which is the one that refuses.
 */
export const updateInternalNotes = defineMutator(
	updateInternalNotesArgs,
	async ({ tx, args, ctx }) => {
		const appointment = await tx.run(zql.appointments.where('id', args.id).one());
		const allowed =
			appointment !== undefined && officeCanManageAppointment(ctx?.office ?? null, appointment);
		if (!allowed) {
			// A client mutator never throws (a throw during rebase stops sync): it just does nothing,
			// and the server's refusal reaches the caller.
			if (tx.location === 'client') return;
			if (!appointment)
				throw new ApplicationError('Appointment not found', { details: { code: 'NOT_FOUND' } });
			throw new ApplicationError('You may not change this appointment', {
				details: { code: 'FORBIDDEN' }
			});
		}
		await tx.mutate.appointmentNotes.upsert({
			appointmentId: args.id,
			internalNotes: args.internalNotes
		});
	}
);
