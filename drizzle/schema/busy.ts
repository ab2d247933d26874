import { check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant, oneOf } from './columns.ts';
import { staff } from './staff.ts';

export const BUSY_SOURCES = ['appointment', 'time_off', 'calendar'] as const;

/**
 * When each cleaner is taken, and nothing else: the padded span of every appointment that still
 * holds its time, of approved time off and of busy times pulled from the cleaner's own calendar
 * (calendar_busy). Triggers keep it equal to its sources, so the public
 * booking page can sync it and work out free slots on the device without seeing whose job it is.
 * The row's id is its source row's id.
 */
export const staffBusy = pgTable(
	'staff_busy',
	{
		id: uuid('id').primaryKey(),
		staffId: uuid('staff_id')
			.notNull()
			.references(() => staff.id, { onDelete: 'cascade' }),
		source: text('source', { enum: BUSY_SOURCES }).notNull(),
		blockedFrom: instant('blocked_from').notNull(),
		blockedUntil: instant('blocked_until').notNull()
	},
	(t) => [
		index('idx_staff_busy_staff_span').on(t.staffId, t.blockedFrom),
		index('idx_staff_busy_span').on(t.blockedFrom),
		check('staff_busy_source_check', oneOf('source', BUSY_SOURCES))
	]
);
