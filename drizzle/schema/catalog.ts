import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	integer,
	jsonb,
	pgTable,
	text,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { createdAt, id, oneOf } from './columns.ts';

// Money is integer pence (GBP) everywhere; durations are whole minutes.

/**
 * What a customer pays when booking (sync/domain/deposit.ts): the whole price, a percentage of it,
 * or a fixed sum in pence; the rest is settled after the clean.
 */
export const DEPOSIT_KINDS = ['full', 'percent', 'fixed'] as const;
export type DepositKind = (typeof DEPOSIT_KINDS)[number];

export const categories = pgTable('categories', {
	id: id(),
	name: text('name').notNull(),
	slug: text('slug').notNull().unique(),
	description: text('description').notNull().default(''),
	imageUrl: text('image_url'),
	position: integer('position').notNull().default(0),
	isActive: boolean('is_active').notNull().default(true)
});

export const services = pgTable(
	'services',
	{
		id: id(),
		categoryId: uuid('category_id')
			.notNull()
			.references(() => categories.id),
		name: text('name').notNull(),
		slug: text('slug').notNull().unique(),
		description: text('description').notNull().default(''),
		durationMinutes: integer('duration_minutes').notNull(),
		price: integer('price').notNull(),
		currency: text('currency').notNull().default('GBP'),
		imageUrl: text('image_url'),
		color: text('color').notNull().default('#3b82f6'),
		capacity: integer('capacity').notNull().default(1),
		/** The office's own questions on this service's booking form (sync/domain/custom-fields.ts). */
		bookingFields: jsonb('booking_fields').$type<Record<string, unknown>[]>().notNull().default([]),
		/** What the cleaner ticks off on each job of this service, in order (sync/domain/checklist.ts). */
		checklist: jsonb('checklist').$type<string[]>().notNull().default([]),
		paddingBeforeMinutes: integer('padding_before_minutes').notNull().default(0),
		paddingAfterMinutes: integer('padding_after_minutes').notNull().default(0),
		isActive: boolean('is_active').notNull().default(true),
		position: integer('position').notNull().default(0),
		depositKind: text('deposit_kind', { enum: DEPOSIT_KINDS }).notNull().default('full'),
		/** A percentage (1–100) for 'percent', pence for 'fixed', 0 for 'full'. */
		depositValue: integer('deposit_value').notNull().default(0),
		createdAt: createdAt()
	},
	() => [
		check('services_duration_check', sql`duration_minutes > 0`),
		check('services_price_check', sql`price >= 0`),
		check('services_capacity_check', sql`capacity >= 1`),
		check(
			'services_padding_check',
			sql`padding_before_minutes >= 0 AND padding_after_minutes >= 0`
		),
		check('services_color_check', sql`color ~ '^#[0-9a-fA-F]{6}$'`),
		check('services_deposit_kind_check', oneOf('deposit_kind', DEPOSIT_KINDS)),
		check(
			'services_deposit_value_check',
			sql`(deposit_kind = 'full' AND deposit_value = 0)
				OR (deposit_kind = 'percent' AND deposit_value BETWEEN 1 AND 100)
				OR (deposit_kind = 'fixed' AND deposit_value >= 1)`
		)
	]
);

/** Add-ons booked with a service (e.g. inside the oven), priced and timed per unit. */
export const serviceExtras = pgTable(
	'service_extras',
	{
		id: id(),
		serviceId: uuid('service_id')
			.notNull()
			.references(() => services.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		price: integer('price').notNull(),
		durationMinutes: integer('duration_minutes').notNull().default(0),
		maxQuantity: integer('max_quantity').notNull().default(1),
		isActive: boolean('is_active').notNull().default(true),
		position: integer('position').notNull().default(0)
	},
	(t) => [
		check('service_extras_price_check', sql`price >= 0`),
		check('service_extras_quantity_check', sql`max_quantity >= 1`),
		// Two "Fridge" extras on one service would be one choice shown twice to the customer.
		uniqueIndex('service_extras_service_name_unique').on(t.serviceId, sql`lower(${t.name})`)
	]
);

export const locations = pgTable(
	'locations',
	{
		id: id(),
		name: text('name').notNull(),
		addressLine1: text('address_line1').notNull().default(''),
		city: text('city').notNull().default(''),
		postcode: text('postcode').notNull(),
		isActive: boolean('is_active').notNull().default(true)
	},
	// Managers are scoped by location: two of the same name could not be told apart.
	(t) => [uniqueIndex('locations_name_unique').on(sql`lower(${t.name})`)]
);
