import { boolean, jsonb, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { locations } from './catalog.ts';
import { createdAt, id } from './columns.ts';
import { customers } from './customers.ts';
import { staff } from './staff.ts';
import { users } from './users.ts';

/**
 * An office user's reach (spec §4.1 `managers`). `can_manage_all` sees everything; otherwise a manager
 * sees the staff and customers listed here, plus those of the locations listed here.
 */
export const managers = pgTable('managers', {
	id: id(),
	userId: uuid('user_id')
		.notNull()
		.unique()
		.references(() => users.id, { onDelete: 'cascade' }),
	permissions: jsonb('permissions').$type<Record<string, boolean>>().notNull().default({}),
	canManageAll: boolean('can_manage_all').notNull().default(false),
	createdAt: createdAt()
});

const managerRef = () =>
	uuid('manager_id')
		.notNull()
		.references(() => managers.id, { onDelete: 'cascade' });

export const managerLocations = pgTable(
	'manager_locations',
	{
		managerId: managerRef(),
		locationId: uuid('location_id')
			.notNull()
			.references(() => locations.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.managerId, t.locationId] })]
);

export const managerStaff = pgTable(
	'manager_staff',
	{
		managerId: managerRef(),
		staffId: uuid('staff_id')
			.notNull()
			.references(() => staff.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.managerId, t.staffId] })]
);

export const managerCustomers = pgTable(
	'manager_customers',
	{
		managerId: managerRef(),
		customerId: uuid('customer_id')
			.notNull()
			.references(() => customers.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.managerId, t.customerId] })]
);
