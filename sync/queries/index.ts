import { defineQueries } from '@rocicorp/zero';
import { officeDay, officeStaff } from './appointments.ts';

export const queries = defineQueries({
	appointments: { officeDay, officeStaff }
});
