import { eq, inArray } from 'drizzle-orm';
import {
	customers,
	managerCustomers,
	managerLocations,
	managers,
	managerStaff,
	staff
} from '../../drizzle/schema.ts';
import {
	isOfficePermission,
	OFFICE_PERMISSIONS,
	type AuthContext,
	type OfficePermission,
	type OfficeScope
} from '../../sync/auth.ts';
import type { Db } from '../db/client.ts';
import type { SessionUser } from './sessions.ts';

/** Resolves what a signed-in user is and may reach, for Zero's queries and mutators. */
export async function authContextFor(db: Db, user: SessionUser): Promise<AuthContext> {
	const [staffRow] = await db.select({ id: staff.id }).from(staff).where(eq(staff.userId, user.id));
	const [customerRow] = await db
		.select({ id: customers.id })
		.from(customers)
		.where(eq(customers.userId, user.id));
	const office = await officeReach(db, user);
	return {
		userID: user.id,
		role: user.role,
		staffID: staffRow?.id ?? null,
		customerID: customerRow?.id ?? null,
		office: office?.scope ?? null,
		permissions: office?.permissions ?? []
	};
}

const ALL_PERMISSIONS = Object.keys(OFFICE_PERMISSIONS) as OfficePermission[];

async function officeReach(
	db: Db,
	user: SessionUser
): Promise<{ scope: OfficeScope; permissions: OfficePermission[] } | null> {
	if (user.role === 'admin') return { scope: { all: true }, permissions: ALL_PERMISSIONS };
	if (user.role !== 'manager') return null;
	const [manager] = await db.select().from(managers).where(eq(managers.userId, user.id));
	if (!manager) return null;
	const permissions = Object.entries(manager.permissions)
		.filter(([name, granted]) => granted && isOfficePermission(name))
		.map(([name]) => name as OfficePermission);
	return { scope: await managerScope(db, manager), permissions };
}

async function managerScope(db: Db, manager: typeof managers.$inferSelect): Promise<OfficeScope> {
	if (manager.canManageAll) return { all: true };
	const [locationRows, directStaff, customerRows] = await Promise.all([
		db
			.select({ id: managerLocations.locationId })
			.from(managerLocations)
			.where(eq(managerLocations.managerId, manager.id)),
		db
			.select({ id: managerStaff.staffId })
			.from(managerStaff)
			.where(eq(managerStaff.managerId, manager.id)),
		db
			.select({ id: managerCustomers.customerId })
			.from(managerCustomers)
			.where(eq(managerCustomers.managerId, manager.id))
	]);
	const locationIDs = locationRows.map((r) => r.id);
	const staffAtLocations = locationIDs.length
		? await db.select({ id: staff.id }).from(staff).where(inArray(staff.locationId, locationIDs))
		: [];
	const staffIDs = new Set([...directStaff, ...staffAtLocations].map((r) => r.id));
	return {
		all: false,
		staffIDs: [...staffIDs],
		locationIDs,
		customerIDs: customerRows.map((r) => r.id)
	};
}
