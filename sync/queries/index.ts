import { defineQueries } from '@rocicorp/zero';
import { myBookings } from './account.ts';
import { officeDay, officeStaff } from './appointments.ts';
import { bookingBusy, bookingHours } from './booking.ts';
import { myJob, myJobs } from './field.ts';

export const queries = defineQueries({
	account: { bookings: myBookings },
	appointments: { officeDay, officeStaff },
	booking: { hours: bookingHours, busy: bookingBusy },
	field: { myJobs, myJob }
});
