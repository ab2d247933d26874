import type { QueryRowType } from '@rocicorp/zero';
import type { officeDay } from '$sync/queries/appointments.ts';

export type OfficeAppointment = QueryRowType<typeof officeDay>;
