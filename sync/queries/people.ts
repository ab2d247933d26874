import { defineQuery, type ExpressionBuilder } from '@rocicorp/zero';
import { z } from 'zod';
import { isAdmin } from '../auth.ts';
import { customerSearchTerm, phoneSearchPattern } from '../domain/customer-form.ts';
import { zql, type schema } from '../schema.ts';
import { customerInScope } from './people-scope.ts';

// The office's people pages (cleaners, customers, managers). Security: each query returns only
// what the signed-in office user reaches (deny = an empty result), so personal data — customers'
// addresses, cleaners' area postcodes — reaches a device only in scope. Anyone outside the
// office gets nothing.

const nothing = <Q extends { where: (f: 'id', op: 'IN', v: string[]) => Q }>(q: Q) =>
	q.where('id', 'IN', []);

/**
 * A scoped manager's cleaners: those in their scope when the query was last worked out, and —
 * evaluated live by zero-cache — anyone at one of their locations, so a cleaner they just added
 * there shows at once (the scope's id list is only recomputed when zero-cache re-asks the query).
 */
const cleanerInScope =
	({ staffIDs, locationIDs }: { staffIDs: string[]; locationIDs: string[] }) =>
	({ or, cmp }: ExpressionBuilder<'staff', typeof schema>) =>
		or(cmp('id', 'IN', staffIDs), cmp('locationId', 'IN', locationIDs));

/** Cleaners in scope, archived ones too (the page filters), with their location. */
export const manageCleaners = defineQuery(({ ctx }) => {
	const q = zql.staff.related('location').orderBy('name', 'asc');
	const scope = ctx?.office;
	if (!scope) return nothing(q);
	return scope.all ? q : q.where(cleanerInScope(scope));
});

/** One cleaner with their hours, services and areas, and their account's status. */
export const manageCleaner = defineQuery(z.object({ id: z.uuid() }), ({ args: { id }, ctx }) => {
	const q = zql.staff
		.where('id', id)
		.related('location')
		.related('user')
		.related('schedules', (s) => s.orderBy('dayOfWeek', 'asc').orderBy('startMinute', 'asc'))
		.related('services', (s) => s.related('service'))
		.related('areas', (a) => a.orderBy('createdAt', 'asc'))
		// Security: their home postcode, for the office in scope only (staff rows reach customers).
		.related('travel')
		.one();
	const scope = ctx?.office;
	if (!scope) return nothing(q);
	return scope.all ? q : q.where(cleanerInScope(scope));
});

/** Locations an office user may pick from: all for an all-scope user, else their own. */
export const manageLocations = defineQuery(({ ctx }) => {
	const q = zql.locations.orderBy('name', 'asc');
	const scope = ctx?.office;
	if (!scope) return nothing(q);
	return scope.all ? q : q.where('id', 'IN', scope.locationIDs);
});

export const CUSTOMER_PAGE = 50;

/**
 * Customers in scope whose name, email or phone contains the search, or whose postcode starts
 * with it ('N16' finds every N16 address; 'n160nx' is normalised to 'N16 0NX'), first 50 by name.
 * Archived customers only when asked for.
 */
export const manageCustomers = defineQuery(
	z.object({ search: z.string().max(200), archived: z.boolean() }),
	({ args: { search, archived }, ctx }) => {
		let q = zql.customers.where('isArchived', archived).orderBy('name', 'asc').limit(CUSTOMER_PAGE);
		const scope = ctx?.office;
		if (!scope) return nothing(q);
		if (!scope.all) q = q.where(customerInScope(scope));
		const term = customerSearchTerm(search);
		if (term) {
			// ILIKE's own wildcards in what was typed are matched literally.
			const like = term.replace(/[\\%_]/g, (c) => `\\${c}`);
			q = q.where(({ or, cmp }) =>
				or(
					cmp('name', 'ILIKE', `%${like}%`),
					cmp('email', 'ILIKE', `%${like}%`),
					cmp('phone', 'ILIKE', phoneSearchPattern(term) ?? `%${like}%`),
					cmp('postcode', 'ILIKE', `${like}%`)
				)
			);
		}
		return q;
	}
);

/** One customer in scope with their bookings (newest first), each with service and cleaner. */
export const manageCustomer = defineQuery(z.object({ id: z.uuid() }), ({ args: { id }, ctx }) => {
	let q = zql.customers
		.where('id', id)
		.related('bookings', (b) =>
			b.related('appointment', (a) => a.related('service').related('staff')).limit(100)
		)
		.one();
	const scope = ctx?.office;
	if (!scope) return nothing(q);
	if (!scope.all) q = q.where(customerInScope(scope));
	return q;
});

/** Managers with their account and reach: for admins alone. */
export const manageManagers = defineQuery(({ ctx }) => {
	const q = zql.managers
		.related('user')
		.related('locations')
		.related('staff')
		.related('customers')
		.orderBy('createdAt', 'asc');
	return isAdmin(ctx) && ctx?.office ? q : nothing(q);
});

export const manageManager = defineQuery(z.object({ id: z.uuid() }), ({ args: { id }, ctx }) => {
	const q = zql.managers
		.where('id', id)
		.related('user')
		.related('locations')
		.related('staff')
		.related('customers')
		.one();
	return isAdmin(ctx) && ctx?.office ? q : nothing(q);
});

/** Customers by id, for the names in a manager's reach (admins alone, like the managers). */
export const manageCustomersById = defineQuery(
	z.object({ ids: z.array(z.uuid()).max(1000) }),
	({ args: { ids }, ctx }) => {
		const q = zql.customers.where('id', 'IN', ids).orderBy('name', 'asc');
		return isAdmin(ctx) && ctx?.office ? q : nothing(q);
	}
);
