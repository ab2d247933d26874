import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgTable,
	smallint,
	text,
	unique,
	uuid
} from 'drizzle-orm/pg-core';
import { services, locations } from './catalog.ts';
import { createdAt, id, instant, oneOf } from './columns.ts';
import { users } from './users.ts';

export const staff = pgTable('staff', {
	id: id(),
	userId: uuid('user_id')
		.unique()
		.references(() => users.id, { onDelete: 'set null' }),
	locationId: uuid('location_id').references(() => locations.id),
	name: text('name').notNull(),
	email: text('email').notNull(),
	phone: text('phone').notNull().default(''),
	photoUrl: text('photo_url'),
	bio: text('bio').notNull().default(''),
	isActive: boolean('is_active').notNull().default(true),
	position: integer('position').notNull().default(0)
});

/** A break inside a working day, in minutes after midnight, half-open. */
export type Break = { start: number; end: number };

/**
 * Weekly working hours. `day_of_week` is 0 = Monday … 6 = Sunday; times are minutes after local
 * midnight (Europe/London), so 08:30 is 510. One row per working stretch of a day.
 */
export const staffSchedules = pgTable(
	'staff_schedules',
	{
		id: id(),
		staffId: uuid('staff_id')
			.notNull()
			.references(() => staff.id, { onDelete: 'cascade' }),
		dayOfWeek: smallint('day_of_week').notNull(),
		startMinute: integer('start_minute').notNull(),
		endMinute: integer('end_minute').notNull(),
		breaks: jsonb('breaks').$type<Break[]>().notNull().default([])
	},
	(t) => [
		index('idx_staff_schedules_staff_day').on(t.staffId, t.dayOfWeek),
		check('staff_schedules_day_check', sql`day_of_week BETWEEN 0 AND 6`),
		check(
			'staff_schedules_minutes_check',
			sql`start_minute >= 0 AND end_minute <= 1440 AND start_minute < end_minute`
		)
	]
);

export const TIME_OFF_STATUSES = ['requested', 'approved', 'rejected'] as const;

export const staffTimeOff = pgTable(
	'staff_time_off',
	{
		id: id(),
		staffId: uuid('staff_id')
			.notNull()
			.references(() => staff.id, { onDelete: 'cascade' }),
		startsAt: instant('starts_at').notNull(),
		endsAt: instant('ends_at').notNull(),
		reason: text('reason').notNull().default(''),
		status: text('status', { enum: TIME_OFF_STATUSES }).notNull().default('requested'),
		createdAt: createdAt(),
		/** The office user who approved or rejected it, and when (the server's clock). */
		decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
		decidedAt: instant('decided_at')
	},
	(t) => [
		index('idx_staff_time_off_staff').on(t.staffId, t.startsAt),
		check('staff_time_off_range_check', sql`starts_at < ends_at`),
		check('staff_time_off_status_check', oneOf('status', TIME_OFF_STATUSES))
	]
);

/** Which services a cleaner offers, with optional per-cleaner price (pence) and duration (minutes). */
export const staffServices = pgTable(
	'staff_services',
	{
		id: id(),
		staffId: uuid('staff_id')
			.notNull()
			.references(() => staff.id, { onDelete: 'cascade' }),
		serviceId: uuid('service_id')
			.notNull()
			.references(() => services.id, { onDelete: 'cascade' }),
		priceOverride: integer('price_override'),
		durationOverride: integer('duration_override')
	},
	(t) => [
		unique('staff_services_staff_service_unique').on(t.staffId, t.serviceId),
		check('staff_services_price_check', sql`price_override IS NULL OR price_override >= 0`),
		check('staff_services_duration_check', sql`duration_override IS NULL OR duration_override > 0`)
	]
);

/** A cleaner covers every postcode whose district centroid lies within `radius_km` of `postcode`. */
export const staffAreas = pgTable(
	'staff_areas',
	{
		id: id(),
		staffId: uuid('staff_id')
			.notNull()
			.references(() => staff.id, { onDelete: 'cascade' }),
		postcode: text('postcode').notNull(),
		radiusKm: doublePrecision('radius_km').notNull(),
		isActive: boolean('is_active').notNull().default(true),
		createdAt: createdAt(),
		updatedAt: createdAt('updated_at')
	},
	(t) => [
		index('idx_staff_areas_staff').on(t.staffId),
		index('idx_staff_areas_postcode').on(t.postcode),
		check('staff_areas_radius_check', sql`radius_km > 0`)
	]
);
