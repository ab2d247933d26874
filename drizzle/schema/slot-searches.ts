import { date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';

/**
 * One row per public slot search, for the conversion report (searches → bookings). Nothing
 * personal: the postcode's district only ('N16', never 'N16 9PD'), the service and the day asked.
 * Server-only (not synced).
 */
export const slotSearches = pgTable(
	'slot_searches',
	{
		id: id(),
		searchedAt: createdAt('searched_at'),
		serviceId: uuid('service_id'),
		/** The outward code of the postcode searched, or '' when it was not a postcode. */
		district: text('district').notNull().default(''),
		/** The local day asked for. */
		dateAsked: date('date_asked', { mode: 'string' }),
		/** Where the search came from: the REST API or the booking page. */
		source: text('source').notNull(),
		/** How many free slots the search found. */
		slotsFound: integer('slots_found')
	},
	(t) => [index('idx_slot_searches_searched_at').on(t.searchedAt)]
);
