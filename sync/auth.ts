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
	/** What an office user may do within their scope; admins may do everything. */
	permissions: OfficePermission[];
};

/**
 * The spec's manager `permissions`: actions beyond running the bookings and customers in scope,
 * which every manager may do. Admins hold them all; the business settings and the managers
 * themselves are for admins only.
 */
export const OFFICE_PERMISSIONS = {
	manage_services: 'Edit categories, services, extras and prices',
	manage_staff: 'Manage cleaners: hours, services, areas, time off',
	record_payments: 'Record cash and bank-transfer payments',
	refund: 'Issue refunds',
	see_revenue: 'See revenue and payment reports'
} as const;
export type OfficePermission = keyof typeof OFFICE_PERMISSIONS;

export const isOfficePermission = (name: string): name is OfficePermission =>
	Object.hasOwn(OFFICE_PERMISSIONS, name);

/** Whether the signed-in office user may do this kind of thing at all (scope is checked apart). */
export function officeMay(
	ctx: Pick<AuthContext, 'office' | 'permissions'> | null | undefined,
	permission: OfficePermission
): boolean {
	return !!ctx?.office && ctx.permissions.includes(permission);
}

/** Whether this is an admin: business settings, managers and API keys are theirs alone. */
export const isAdmin = (ctx: Pick<AuthContext, 'role'> | null | undefined) => ctx?.role === 'admin';

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
