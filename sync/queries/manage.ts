import { defineQuery } from '@rocicorp/zero';
import { zql } from '../schema.ts';

// What the office's management pages sync: the whole catalogue, archived items too (customers
// never get these; the public catalogue is the REST API's, active items only), the locations and
// the settings row. Every office user may read them; who may change them is the mutators' call.
// Anyone else gets an empty result.

export const manageCategories = defineQuery(({ ctx }) => {
	const q = zql.categories.orderBy('position', 'asc').orderBy('name', 'asc');
	return ctx?.office ? q : q.where('id', 'IN', []);
});

/** Every service with its category and extras, in catalogue order. */
export const manageServices = defineQuery(({ ctx }) => {
	const q = zql.services
		.related('category')
		.related('extras', (e) => e.orderBy('position', 'asc').orderBy('name', 'asc'))
		.orderBy('position', 'asc')
		.orderBy('name', 'asc');
	return ctx?.office ? q : q.where('id', 'IN', []);
});

export const manageLocations = defineQuery(({ ctx }) => {
	const q = zql.locations.orderBy('name', 'asc');
	return ctx?.office ? q : q.where('id', 'IN', []);
});

export const manageSettings = defineQuery(({ ctx }) =>
	zql.businessSettings.where('id', ctx?.office ? 1 : -1).one()
);
