import { defineQuery } from '@rocicorp/zero';
import { zql } from '../schema.ts';

/** Every service, archived ones too, for the office's own pages; nothing for anyone else. */
export const officeServices = defineQuery(({ ctx }) => {
	const q = zql.services.orderBy('position', 'asc').orderBy('name', 'asc');
	return ctx?.office ? q : q.where('id', 'IN', []);
});
