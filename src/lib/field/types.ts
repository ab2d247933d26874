import type { QueryRowType } from '@rocicorp/zero';
import type { myJobs } from '$sync/queries/field.ts';

export type FieldJob = QueryRowType<typeof myJobs>;

/** A maps link for an address (no map API needed: the phone opens its own maps app). */
export const mapsLink = (address: string) =>
	`https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(address)}`;
