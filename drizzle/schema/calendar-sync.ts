import { index, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './columns.ts';
import { staff } from './staff.ts';
import { users } from './users.ts';

/**
 * Which booking is in which user's connected calendar, under which provider event id: the push
 * task compares this with where the booking should be (its cleaner's calendar, unless cancelled)
 * and creates, moves or deletes events to match. Server only.
 */
export const calendarEvents = pgTable(
	'calendar_events',
	{
		// No foreign key: when a booking is deleted, its row stays until the push task has taken
		// the event out of the calendar.
		appointmentId: uuid('appointment_id').notNull(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		provider: text('provider').notNull(),
		calendarId: text('calendar_id').notNull(),
		eventId: text('event_id').notNull(),
		pushedAt: createdAt('pushed_at')
	},
	(t) => [primaryKey({ columns: [t.appointmentId, t.userId] })]
);

/**
 * Busy times pulled from a cleaner's connected calendar (personal events), one row per provider
 * event. A trigger mirrors them into `staff_busy` as source `calendar`, so they block that
 * cleaner's slots on the booking page, in the server's slot search and in the write path, without
 * saying what they are. Server only: titles are never stored.
 */
export const calendarBusy = pgTable(
	'calendar_busy',
	{
		id: id(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		staffId: uuid('staff_id')
			.notNull()
			.references(() => staff.id, { onDelete: 'cascade' }),
		eventId: text('event_id').notNull(),
		blockedFrom: instant('blocked_from').notNull(),
		blockedUntil: instant('blocked_until').notNull()
	},
	(t) => [
		unique('calendar_busy_user_event').on(t.userId, t.eventId),
		index('idx_calendar_busy_staff').on(t.staffId, t.blockedFrom)
	]
);
