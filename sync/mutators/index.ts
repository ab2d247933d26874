import { defineMutators } from '@rocicorp/zero';
import { updateInternalNotes } from './appointments.ts';
import { cancelBooking, rescheduleBooking } from './booking-changes.ts';
import { createBooking } from './bookings.ts';
import { archiveCustomer, createCustomer, updateCustomer } from './customers.ts';
import { archiveManager, createManager, updateManager } from './managers.ts';
import { archiveCleaner, createCleaner, updateCleaner } from './staff.ts';
import { archiveCategory, createCategory, updateCategory } from './catalog-categories.ts';
import { archiveExtra, createExtra, updateExtra } from './catalog-extras.ts';
import { archiveLocation, createLocation, updateLocation } from './catalog-locations.ts';
import { archiveService, createService, updateService } from './catalog-services.ts';
import { recordPayment, refundPayment } from './payments.ts';
import { setChecklist } from './services.ts';
import { updateSettings } from './settings.ts';
import { decideTimeOff, requestTimeOff, withdrawTimeOff } from './time-off.ts';

export const mutators = defineMutators({
	appointments: { updateInternalNotes },
	booking: { create: createBooking, cancel: cancelBooking, reschedule: rescheduleBooking },
	cleaners: { create: createCleaner, update: updateCleaner, archive: archiveCleaner },
	customers: { create: createCustomer, update: updateCustomer, archive: archiveCustomer },
	managers: { create: createManager, update: updateManager, archive: archiveManager },
	catalog: {
		createCategory,
		updateCategory,
		archiveCategory,
		createService,
		updateService,
		archiveService,
		createExtra,
		updateExtra,
		archiveExtra
	},
	locations: { create: createLocation, update: updateLocation, archive: archiveLocation },
	payments: { record: recordPayment, refund: refundPayment },
	services: { setChecklist },
	settings: { update: updateSettings },
	timeOff: { request: requestTimeOff, withdraw: withdrawTimeOff, decide: decideTimeOff }
});
