import { sql } from 'drizzle-orm';
import { check, doublePrecision, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { staff } from './staff.ts';

/**
 * Where a cleaner sets off from, and how they travel when it differs from the business settings
 * (null keeps the business's: sync/domain/travel.ts). Security: a home postcode is personal data,
 * so it lives here and not on `staff`, whose rows reach customers (their booking's cleaner); this
 * table is synced for the office's queries only.
 */
export const staffTravel = pgTable(
	'staff_travel',
	{
		staffId: uuid('staff_id')
			.primaryKey()
			.references(() => staff.id, { onDelete: 'cascade' }),
		homePostcode: text('home_postcode'),
		roadFactor: doublePrecision('road_factor'),
		speedKmh: doublePrecision('speed_kmh'),
		overheadMinutes: integer('overhead_minutes'),
		updatedAt: createdAt('updated_at')
	},
	() => [
		check(
			'staff_travel_ranges',
			sql`(road_factor IS NULL OR road_factor BETWEEN 1 AND 3)
				AND (speed_kmh IS NULL OR speed_kmh BETWEEN 3 AND 120)
				AND (overhead_minutes IS NULL OR overhead_minutes BETWEEN 0 AND 120)`
		)
	]
);
