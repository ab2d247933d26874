import { drizzleZeroConfig } from 'drizzle-zero';
import * as drizzleSchema from './drizzle/schema.ts';

// Secret tables (user_passwords, sessions, calendar_credentials) are not synced: they are also
// absent from Zero's publication, which is what keeps them off zero-cache's disk.
export default drizzleZeroConfig(drizzleSchema, {
	tables: {
		users: true,
		profiles: true,
		categories: true,
		services: true,
		serviceExtras: true,
		locations: true,
		staff: true,
		staffSchedules: true,
		staffTimeOff: true,
		staffServices: true,
		staffAreas: true,
		// Home postcodes: synced for the office's queries only (sync/queries/people.ts).
		staffTravel: true,
		customers: true,
		managers: true,
		managerLocations: true,
		managerStaff: true,
		managerCustomers: true,
		appointments: true,
		appointmentNotes: true,
		fieldEvents: true,
		// Read through GET /api/field/photos/{id}, which checks who asks; the office finds a job's
		// photos through its synced field events.
		fieldPhotos: false,
		customerAppointments: true,
		payments: true,
		invoices: true,
		passwords: false,
		sessions: false,
		calendarCredentials: false,
		workerHeartbeats: false,
		businessSettings: true,
		apiTokens: false,
		apiKeys: false,
		staffBusy: true,
		coverageRequests: false,
		stripeEvents: false,
		paypalEvents: false,
		notificationLog: false,
		outboxMessages: false,
		auditLog: false,
		paymentRefunds: true,
		slotSearches: false,
		userTotp: false,
		totpUsedSteps: false,
		totpRecoveryCodes: false,
		signInChallenges: false,
		passwordResetTokens: false,
		rateLimits: false,
		calendarFeeds: false,
		calendarEvents: false,
		calendarBusy: false
	}
});
