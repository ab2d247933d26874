import { defineMutator, defineMutators } from '@rocicorp/zero';
import { updateInternalNotes, updateInternalNotesArgs } from '../../sync/mutators/appointments.ts';
import { mutators } from '../../sync/mutators/index.ts';

/**
 * The server's versions of the shared mutators: the same code, plus what only the server may
 * decide (its own clock for timestamps).
 */
export const serverMutators = defineMutators(mutators, {
	appointments: {
		updateInternalNotes: defineMutator(updateInternalNotesArgs, async ({ tx, args, ctx }) => {
			await updateInternalNotes.fn({ tx, args, ctx });
			await tx.mutate.appointments.update({ id: args.id, updatedAt: Date.now() });
		})
	}
});
