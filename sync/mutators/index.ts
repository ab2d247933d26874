import { defineMutators } from '@rocicorp/zero';
import { updateInternalNotes } from './appointments.ts';
import { createBooking } from './bookings.ts';

export const mutators = defineMutators({
	appointments: { updateInternalNotes },
	booking: { create: createBooking }
});
