import { defineQueries } from '@rocicorp/zero';
import { myBookings } from './account.ts';
import { officeBooking, officeCalendar, officeDay, officeStaff } from './appointments.ts';
import { bookingBusy, bookingHours } from './booking.ts';
import { officeCalendarSettings, officeCalendarTravel } from './calendar.ts';
import { officeServices } from './catalog.ts';
import { myJob, myJobs, myTravel, travelSettings } from './field.ts';
import { manageCategories, manageLocations, manageServices, manageSettings } from './manage.ts';
import { officeBookingPayments } from './payments.ts';
import * as people from './people.ts';
import { mySchedule, myTimeOff } from './schedule.ts';
import { officeTimeOff, timeOffClashes } from './time-off.ts';

export const queries = defineQueries({
	account: { bookings: myBookings },
	appointments: { officeDay, officeCalendar, officeBooking, officeStaff },
	booking: { hours: bookingHours, busy: bookingBusy },
	calendar: { settings: officeCalendarSettings, travel: officeCalendarTravel },
	catalog: { officeServices },
	field: { myJobs, myJob, myTravel, travelSettings },
	manage: {
		categories: manageCategories,
		services: manageServices,
		locations: manageLocations,
		settings: manageSettings
	},
	payments: { officeBooking: officeBookingPayments },
	people: {
		cleaners: people.manageCleaners,
		cleaner: people.manageCleaner,
		locations: people.manageLocations,
		customers: people.manageCustomers,
		customer: people.manageCustomer,
		customersById: people.manageCustomersById,
		managers: people.manageManagers,
		manager: people.manageManager
	},
	schedule: { mine: mySchedule, myTimeOff },
	timeOff: { office: officeTimeOff, clashes: timeOffClashes }
});
