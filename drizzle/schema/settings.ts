import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

/**
 * The business settings: one row (id 1), created by the migration with the defaults below and
 * edited by the office. Read by the booking engine on both device and server.
 */
export const businessSettings = pgTable(
	'business_settings',
	{
		id: integer('id').primaryKey().default(1),
		timeZone: text('time_zone').notNull().default('Europe/London'),
		currency: text('currency').notNull().default('GBP'),
		minNoticeMinutes: integer('min_notice_minutes').notNull().default(1440),
		horizonDays: integer('horizon_days').notNull().default(60),
		slotStepMinutes: integer('slot_step_minutes').notNull().default(30),
		cancellationCutoffMinutes: integer('cancellation_cutoff_minutes').notNull().default(1440),
		holdMinutes: integer('hold_minutes').notNull().default(15),
		vatRatePercent: doublePrecision('vat_rate_percent').notNull().default(20),
		pricesIncludeVat: boolean('prices_include_vat').notNull().default(true),
		weeklyDiscountPercent: integer('weekly_discount_percent').notNull().default(15),
		fortnightlyDiscountPercent: integer('fortnightly_discount_percent').notNull().default(10),
		fourWeeklyDiscountPercent: integer('four_weekly_discount_percent').notNull().default(5),
		/** Travel between jobs (sync/domain/travel.ts): road km per straight km, km/h, minutes per trip. */
		travelRoadFactor: doublePrecision('travel_road_factor').notNull().default(1.3),
		travelSpeedKmh: doublePrecision('travel_speed_kmh').notNull().default(25),
		travelOverheadMinutes: integer('travel_overhead_minutes').notNull().default(5),
		updatedAt: createdAt('updated_at')
	},
	() => [
		check('business_settings_single_row', sql`id = 1`),
		check(
			'business_settings_ranges',
			sql`min_notice_minutes >= 0 AND horizon_days >= 1 AND slot_step_minutes BETWEEN 5 AND 240
				AND cancellation_cutoff_minutes >= 0 AND hold_minutes BETWEEN 1 AND 1440
				AND vat_rate_percent >= 0 AND vat_rate_percent < 100
				AND vat_rate_percent = round(vat_rate_percent::numeric, 2)`
		),
		check(
			'business_settings_travel',
			sql`travel_road_factor BETWEEN 1 AND 3 AND travel_speed_kmh BETWEEN 3 AND 120
				AND travel_overhead_minutes BETWEEN 0 AND 120`
		),
		check(
			'business_settings_discounts',
			sql`weekly_discount_percent BETWEEN 0 AND 100 AND fortnightly_discount_percent BETWEEN 0 AND 100
				AND four_weekly_discount_percent BETWEEN 0 AND 100`
		)
	]
);
