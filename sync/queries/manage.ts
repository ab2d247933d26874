import { defineQuery } from '@rocicorp/zero';
import { z } from 'zod';
import { zql } from '../schema.ts';

// What the office's management pages sync: the whole catalogue, archived items too (customers
// never get these; the public catalogue is the REST API's, active items only), the locations and
// the settings row. Every office user may read them; who may change them is the mutators' call.
// Anyone else gets an empty result.

const none = 'no-such-id';

export const manageCategories = defineQuery(({ ctx }) => {
	const q = zql.categories.orderBy('position', 'asc').orderBy('name', 'asc');
	return ctx?.office ? q : q.where('id', none);
});

/** Every service with its category and extras, in catalogue order. */
export const manageServices = defineQuery(({ ctx }) => {
	const q = zql.services
		.related('category')
		.related('extras', (e) => e.orderBy('position', 'asc').orderBy('name', 'asc'))
		.orderBy('position', 'asc')
		.orderBy('name', 'asc');
	return ctx?.office ? q : q.where('id', none);
});

/** One service with its extras, for its editor. */
export const manageService = defineQuery(z.object({ id: z.uuid() }), ({ args, ctx }) =>
	zql.services
		.where('id', ctx?.office ? args.id : none)
		.related('extras', (e) => e.orderBy('position', 'asc').orderBy('name', 'asc'))
		.one()
);

export const manageLocations = defineQuery(({ ctx }) => {
	const q = zql.locations.orderBy('name', 'asc');
	return ctx?.office ? q : q.where('id', none);
});

export const manageSettings = defineQuery(({ ctx }) =>
	zql.businessSettings.where('id', ctx?.office ? 1 : -1).one()
);
