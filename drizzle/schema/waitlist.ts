import { index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { services } from './catalog.ts';
import { createdAt, id } from './columns.ts';

/**
 * People who asked to hear when we clean at their postcode: left on the booking page when nobody
 * covers it, listed for the office. Not synced (it holds email addresses).
 */
export const coverageRequests = pgTable(
	'coverage_requests',
	{
		id: id(),
		email: text('email').notNull(),
		postcode: text('postcode').notNull(),
		/** The postcode district (outward code), for the office to see where demand is. */
		district: text('district').notNull(),
		serviceId: uuid('service_id').references(() => services.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [
		unique('coverage_requests_email_postcode').on(t.email, t.postcode),
		index('idx_coverage_requests_district').on(t.district)
	]
);
