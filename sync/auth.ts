import type { Role } from '../drizzle/schema/users.ts';

/**
 * Who is asking, derived by the server from the session cookie (never sent by the client).
 * A manager's reach is resolved to plain id lists so queries and mutators can filter by it.
 */
export type AuthContext = {
	userID: string;
	role: Role;
	/** Set for a cleaner's account. */
	staffID: string | null;
	/** Set for a customer's account. */
	customerID: string | null;
	/** Set for admins (everything) and managers (their scope). */
	office: OfficeScope | null;
};

export type OfficeScope =
	| { all: true }
	| {
			all: false;
			/** Cleaners managed directly or through a managed location. */
			staffIDs: string[];
			locationIDs: string[];
			customerIDs: string[];
	  };

/** Whether an office user may see and change an appointment of this cleaner at this location. */
export function officeCanManageAppointment(
	scope: OfficeScope | null,
	appointment: { staffId: string; locationId: string | null }
): boolean {
	if (!scope) return false;
	if (scope.all) return true;
	return (
		scope.staffIDs.includes(appointment.staffId) ||
		(appointment.locationId !== null && scope.locationIDs.includes(appointment.locationId))
	);
}

/** Whether an office user may see and decide this cleaner's time off. */
export function officeCanManageStaff(scope: OfficeScope | null, staffId: string): boolean {
	if (!scope) return false;
	return scope.all || scope.staffIDs.includes(staffId);
}
