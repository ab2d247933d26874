// Relationships Zero queries may follow (drizzle-zero reads them from here).
import { relations } from 'drizzle-orm';
import { invoices, payments } from './billing.ts';
import { appointmentNotes, appointments, customerAppointments } from './bookings.ts';
import { categories, locations, serviceExtras, services } from './catalog.ts';
import { customers } from './customers.ts';
import { fieldEvents } from './field.ts';
import { managerCustomers, managerLocations, managers, managerStaff } from './managers.ts';
import { staff, staffAreas, staffSchedules, staffServices, staffTimeOff } from './staff.ts';
import { staffTravel } from './travel.ts';
import { paymentRefunds } from './refunds.ts';
import { profiles, users } from './users.ts';

export const usersRelations = relations(users, ({ one }) => ({
	profile: one(profiles, { fields: [users.id], references: [profiles.userId] }),
	manager: one(managers, { fields: [users.id], references: [managers.userId] }),
	staff: one(staff, { fields: [users.id], references: [staff.userId] }),
	customer: one(customers, { fields: [users.id], references: [customers.userId] })
}));

export const categoriesRelations = relations(categories, ({ many }) => ({
	services: many(services)
}));

export const servicesRelations = relations(services, ({ one, many }) => ({
	category: one(categories, { fields: [services.categoryId], references: [categories.id] }),
	extras: many(serviceExtras),
	staffServices: many(staffServices)
}));

export const serviceExtrasRelations = relations(serviceExtras, ({ one }) => ({
	service: one(services, { fields: [serviceExtras.serviceId], references: [services.id] })
}));

export const staffRelations = relations(staff, ({ one, many }) => ({
	user: one(users, { fields: [staff.userId], references: [users.id] }),
	location: one(locations, { fields: [staff.locationId], references: [locations.id] }),
	schedules: many(staffSchedules),
	timeOff: many(staffTimeOff),
	services: many(staffServices),
	areas: many(staffAreas),
	appointments: many(appointments),
	travel: one(staffTravel, { fields: [staff.id], references: [staffTravel.staffId] })
}));

export const staffTravelRelations = relations(staffTravel, ({ one }) => ({
	staff: one(staff, { fields: [staffTravel.staffId], references: [staff.id] })
}));

export const staffSchedulesRelations = relations(staffSchedules, ({ one }) => ({
	staff: one(staff, { fields: [staffSchedules.staffId], references: [staff.id] })
}));

export const staffTimeOffRelations = relations(staffTimeOff, ({ one }) => ({
	staff: one(staff, { fields: [staffTimeOff.staffId], references: [staff.id] })
}));

export const staffServicesRelations = relations(staffServices, ({ one }) => ({
	staff: one(staff, { fields: [staffServices.staffId], references: [staff.id] }),
	service: one(services, { fields: [staffServices.serviceId], references: [services.id] })
}));

export const staffAreasRelations = relations(staffAreas, ({ one }) => ({
	staff: one(staff, { fields: [staffAreas.staffId], references: [staff.id] })
}));

export const customersRelations = relations(customers, ({ many }) => ({
	bookings: many(customerAppointments),
	invoices: many(invoices)
}));

export const managersRelations = relations(managers, ({ one, many }) => ({
	user: one(users, { fields: [managers.userId], references: [users.id] }),
	locations: many(managerLocations),
	staff: many(managerStaff),
	customers: many(managerCustomers)
}));

export const managerLocationsRelations = relations(managerLocations, ({ one }) => ({
	manager: one(managers, { fields: [managerLocations.managerId], references: [managers.id] })
}));

export const managerStaffRelations = relations(managerStaff, ({ one }) => ({
	manager: one(managers, { fields: [managerStaff.managerId], references: [managers.id] })
}));

export const managerCustomersRelations = relations(managerCustomers, ({ one }) => ({
	manager: one(managers, { fields: [managerCustomers.managerId], references: [managers.id] })
}));

export const appointmentsRelations = relations(appointments, ({ one, many }) => ({
	staff: one(staff, { fields: [appointments.staffId], references: [staff.id] }),
	service: one(services, { fields: [appointments.serviceId], references: [services.id] }),
	location: one(locations, { fields: [appointments.locationId], references: [locations.id] }),
	customerAppointments: many(customerAppointments),
	notes: one(appointmentNotes, {
		fields: [appointments.id],
		references: [appointmentNotes.appointmentId]
	}),
	fieldEvents: many(fieldEvents)
}));

export const fieldEventsRelations = relations(fieldEvents, ({ one }) => ({
	job: one(appointments, { fields: [fieldEvents.jobId], references: [appointments.id] })
}));

export const appointmentNotesRelations = relations(appointmentNotes, ({ one }) => ({
	appointment: one(appointments, {
		fields: [appointmentNotes.appointmentId],
		references: [appointments.id]
	})
}));

export const customerAppointmentsRelations = relations(customerAppointments, ({ one, many }) => ({
	appointment: one(appointments, {
		fields: [customerAppointments.appointmentId],
		references: [appointments.id]
	}),
	customer: one(customers, {
		fields: [customerAppointments.customerId],
		references: [customers.id]
	}),
	payments: many(payments),
	refunds: many(paymentRefunds)
}));

export const paymentsRelations = relations(payments, ({ one }) => ({
	customerAppointment: one(customerAppointments, {
		fields: [payments.customerAppointmentId],
		references: [customerAppointments.id]
	})
}));

export const invoicesRelations = relations(invoices, ({ one }) => ({
	customer: one(customers, { fields: [invoices.customerId], references: [customers.id] })
}));

export const paymentRefundsRelations = relations(paymentRefunds, ({ one }) => ({
	customerAppointment: one(customerAppointments, {
		fields: [paymentRefunds.customerAppointmentId],
		references: [customerAppointments.id]
	})
}));
