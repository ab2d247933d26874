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
		// How long personal data is kept, in whole days; null keeps it forever. Applied daily by the
		// task privacy__apply_retention (server/privacy/retention.ts). Invoices and payments have no
		// setting here: they are never purged (UK accounting records: 6 years).
		/** Field photos (file and row), counted from the end of the job. */
		photoRetentionDays: integer('photo_retention_days').default(180),
		/** GPS positions of clock-ins and clock-outs, counted from the end of the job. */
		positionRetentionDays: integer('position_retention_days').default(90),
		/** Message bodies and recipients' addresses of sent emails and texts, from sending. */
		messageRetentionDays: integer('message_retention_days').default(180),
		/** Bookings whose payment hold ran out (`expired`), and their guest customer, from booking. */
		abandonedBookingRetentionDays: integer('abandoned_booking_retention_days').default(30),
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
		),
		check(
			'business_settings_retention',
			sql`(photo_retention_days IS NULL OR photo_retention_days BETWEEN 1 AND 3650)
				AND (position_retention_days IS NULL OR position_retention_days BETWEEN 1 AND 3650)
				AND (message_retention_days IS NULL OR message_retention_days BETWEEN 1 AND 3650)
				AND (abandoned_booking_retention_days IS NULL
					OR abandoned_booking_retention_days BETWEEN 1 AND 3650)`
		)
	]
);
