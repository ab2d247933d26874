import { defineMutators } from '@rocicorp/zero';
import { updateInternalNotes } from './appointments.ts';
import { cancelBooking, rescheduleBooking } from './booking-changes.ts';
import { createBooking } from './bookings.ts';

export const mutators = defineMutators({
	appointments: { updateInternalNotes },
	booking: { create: createBooking, cancel: cancelBooking, reschedule: rescheduleBooking }
});
