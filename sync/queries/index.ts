import { defineQueries } from '@rocicorp/zero';
import { officeDay, officeStaff } from './appointments.ts';
import { bookingBusy, bookingHours } from './booking.ts';

export const queries = defineQueries({
	appointments: { officeDay, officeStaff },
	booking: { hours: bookingHours, busy: bookingBusy }
});
