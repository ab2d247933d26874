import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import { appointments, staff } from '../../drizzle/schema.ts';
import type { OfficeScope } from '../../sync/auth.ts';
import type { ReportFilters } from './filters.ts';

/**
 * The appointments a report may count: those of the caller's scope (a manager's cleaners, or any
 * appointment at one of their locations — officeCanManageAppointment in SQL) and, when a location
 * is chosen, at that location.
 */
export function appointmentsInReach(scope: OfficeScope, f: ReportFilters): SQL | undefined {
	return and(
		scope.all
			? undefined
			: or(
					inArray(appointments.staffId, scope.staffIDs),
					inArray(appointments.locationId, scope.locationIDs)
				),
		f.locationId ? eq(appointments.locationId, f.locationId) : undefined
	);
}

/** The cleaners a report may count: those of the scope, based at the chosen location if any. */
export function staffInReach(scope: OfficeScope, f: ReportFilters): SQL | undefined {
	return and(
		scope.all ? undefined : inArray(staff.id, scope.staffIDs),
		f.locationId ? eq(staff.locationId, f.locationId) : undefined
	);
}
