import { defineMutators } from '@rocicorp/zero';
import { updateInternalNotes } from './appointments.ts';

export const mutators = defineMutators({
	appointments: { updateInternalNotes }
});
