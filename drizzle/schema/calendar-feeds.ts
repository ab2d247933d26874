import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './columns.ts';
import { users } from './users.ts';

/**
 * A user's calendar feed (GET /calendar/<token>.ics) for calendar apps that cannot sign in. Only
 * the SHA-256 of the token is kept; the token is in the URL shown once, when the feed is made.
 * One live feed per user: making a new one revokes the old (`revoked_at`).
 *
 * Security: holds secrets' hashes, so it is not in Zero's publication and not in the Zero schema.
 */
export const calendarFeeds = pgTable(
	'calendar_feeds',
	{
		id: id(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		tokenHash: text('token_hash').notNull().unique(),
		createdAt: createdAt(),
		revokedAt: instant('revoked_at')
	},
	(t) => [index('idx_calendar_feeds_user').on(t.userId)]
);
