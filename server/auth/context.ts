import { eq, inArray } from 'drizzle-orm';
import {
	customers,
	managerCustomers,
	managerLocations,
	managers,
	managerStaff,
	staff
} from '../../drizzle/schema.ts';
import type { AuthContext, OfficeScope } from '../../sync/auth.ts';
import type { Db } from '../db/client.ts';
import type { SessionUser } from './sessions.ts';

/** Resolves what a signed-in user is and may reach, for Zero's queries and mutators. */
export async function authContextFor(db: Db, user: SessionUser): Promise<AuthContext> {
	const [staffRow] = await db.select({ id: staff.id }).from(staff).where(eq(staff.userId, user.id));
	const [customerRow] = await db
		.select({ id: customers.id })
		.from(customers)
		.where(eq(customers.userId, user.id));
	return {
		userID: user.id,
		role: user.role,
		staffID: staffRow?.id ?? null,
		customerID: customerRow?.id ?? null,
		office: await officeScope(db, user)
	};
}

async function officeScope(db: Db, user: SessionUser): Promise<OfficeScope | null> {
	if (user.role === 'admin') return { all: true };
	if (user.role !== 'manager') return null;
	const [manager] = await db.select().from(managers).where(eq(managers.userId, user.id));
	if (!manager) return null;
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
