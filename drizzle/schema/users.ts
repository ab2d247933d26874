import { boolean, check, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, oneOf } from './columns.ts';

export const ROLES = ['admin', 'manager', 'staff', 'customer'] as const;
export type Role = (typeof ROLES)[number];

export const users = pgTable(
	'users',
	{
		id: id(),
		email: text('email').notNull().unique(),
		username: text('username').notNull().unique(),
		name: text('name').notNull(),
		role: text('role', { enum: ROLES }).notNull().default('customer'),
		isActive: boolean('is_active').notNull().default(true),
		isStaff: boolean('is_staff').notNull().default(false),
		isSuperuser: boolean('is_superuser').notNull().default(false),
		dateJoined: createdAt('date_joined')
	},
	() => [check('users_role_check', oneOf('role', ROLES))]
);

export const CALENDAR_PROVIDERS = ['google', 'outlook', 'apple', 'none'] as const;

/** Per-user settings (spec §4.1 `profiles`). The calendar grant's tokens live in `calendar_credentials`. */
export const profiles = pgTable(
	'profiles',
	{
		id: id(),
		userId: uuid('user_id')
			.notNull()
			.unique()
			.references(() => users.id, { onDelete: 'cascade' }),
		phone: text('phone'),
		avatarUrl: text('avatar_url'),
		timezone: text('timezone').notNull().default('Europe/London'),
		preferences: jsonb('preferences').$type<Record<string, unknown>>().notNull().default({}),
		calendarSyncEnabled: boolean('calendar_sync_enabled').notNull().default(false),
		calendarProvider: text('calendar_provider', { enum: CALENDAR_PROVIDERS })
			.notNull()
			.default('none'),
		calendarCalendarId: text('calendar_calendar_id'),
		calendarSyncSettings: jsonb('calendar_sync_settings')
			.$type<Record<string, unknown>>()
			.notNull()
			.default({})
	},
	() => [check('profiles_calendar_provider_check', oneOf('calendar_provider', CALENDAR_PROVIDERS))]
);

// Security: the tables below hold secrets. They are not in Zero's publication (see the migration
// that creates `zero_data`), so they never reach zero-cache's replica or any device.

export const passwords = pgTable('user_passwords', {
	userId: uuid('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	hash: text('hash').notNull(),
	updatedAt: createdAt('updated_at')
});

/** Sessions the Lucia way: the id is the SHA-256 of the token the browser holds, never the token. */
export const sessions = pgTable('sessions', {
	id: text('id').primaryKey(),
	userId: uuid('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	expiresAt: instant('expires_at').notNull(),
	createdAt: createdAt()
});

export const CALENDAR_CONNECTION_STATES = ['active', 'broken'] as const;

/**
 * A user's calendar connection (spec's `profiles.calendar_*_token`): the OAuth grant, sealed by
 * the app (server/calendar/tokens.ts), the calendar chosen, and where the two-way sync stands.
 * One per user. `broken` (the grant was revoked or expired) stops every push and pull until the
 * user connects again.
 */
export const calendarCredentials = pgTable(
	'calendar_credentials',
	{
		userId: uuid('user_id')
			.primaryKey()
			.references(() => users.id, { onDelete: 'cascade' }),
		provider: text('provider', { enum: CALENDAR_PROVIDERS }).notNull(),
		accessToken: text('access_token'),
		refreshToken: text('refresh_token'),
		expiresAt: instant('expires_at'),
		updatedAt: createdAt('updated_at'),
		/** The account's email address, to show which account is connected. */
		account: text('account'),
		calendarId: text('calendar_id'),
		calendarName: text('calendar_name'),
		status: text('status', { enum: CALENDAR_CONNECTION_STATES }).notNull().default('active'),
		brokenReason: text('broken_reason'),
		brokenAt: instant('broken_at'),
		/** The provider's incremental-sync token; null means the next pull is a full one. */
		syncToken: text('sync_token'),
		pulledAt: instant('pulled_at')
	},
	() => [check('calendar_credentials_status_check', oneOf('status', CALENDAR_CONNECTION_STATES))]
);
