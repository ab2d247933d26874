import { adminAppointmentPaths } from './admin-appointments.ts';
import { adminCustomerPaths } from './admin-customers.ts';
import { adminServicePaths } from './admin-services.ts';
import { adminStaffPaths } from './admin-staff.ts';
import type { PathItem } from './common.ts';

// admin/appointments, admin/staff, admin/customers, admin/services: the office's reads
// (server/api/admin-*.ts), within the caller's scope, and its writes (admin-*-writes.ts, bodies
// from admin-bodies.ts), through the app's own mutators. One file a resource; the order here is
// the order of the OpenAPI document's paths.
export const adminPaths: Record<string, PathItem> = {
	...adminAppointmentPaths,
	...adminStaffPaths,
	...adminCustomerPaths,
	...adminServicePaths
};
