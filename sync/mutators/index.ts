import { defineMutators } from '@rocicorp/zero';
import { updateInternalNotes } from './appointments.ts';
import { cancelBooking, rescheduleBooking } from './booking-changes.ts';
import { createBooking } from './bookings.ts';
import { setChecklist } from './services.ts';
import { decideTimeOff, requestTimeOff, withdrawTimeOff } from './time-off.ts';

export const mutators = defineMutators({
	appointments: { updateInternalNotes },
	booking: { create: createBooking, cancel: cancelBooking, reschedule: rescheduleBooking },
	services: { setChecklist },
	timeOff: { request: requestTimeOff, withdraw: withdrawTimeOff, decide: decideTimeOff }
});
