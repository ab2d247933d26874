import { boolean, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { users } from './users.ts';

/** A customer and their UK address. A customer may book without an account (`user_id` null). */
export const customers = pgTable(
	'customers',
	{
		id: id(),
		userId: uuid('user_id')
			.unique()
			.references(() => users.id, { onDelete: 'set null' }),
		name: text('name').notNull(),
		email: text('email').notNull(),
		phone: text('phone').notNull().default(''),
		addressLine1: text('address_line1').notNull().default(''),
		addressLine2: text('address_line2').notNull().default(''),
		city: text('city').notNull().default(''),
		county: text('county').notNull().default(''),
		postcode: text('postcode').notNull(),
		country: text('country').notNull().default('GB'),
		addressValidated: boolean('address_validated').notNull().default(false),
		notes: text('notes').notNull().default(''),
		tags: jsonb('tags').$type<string[]>().notNull().default([]),
		/** Archived by the office: kept for its bookings and invoices, left out of lists and pickers. */
		isArchived: boolean('is_archived').notNull().default(false),
		createdAt: createdAt()
	},
	(t) => [
		// A booking looks its returning customer up by email and postcode (customer-record.ts), on
		// this one index. With an index on the postcode alone, a plan made before the table's
		// statistics caught up took it, and read everyone at a busy postcode to find one email.
		index('idx_customers_email_postcode').on(t.email, t.postcode)
	]
);
