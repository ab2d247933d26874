import { pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.ts';

/** Each background worker process stamps its row every few seconds; /healthz reads the freshest. */
export const workerHeartbeats = pgTable('worker_heartbeats', {
	workerId: text('worker_id').primaryKey(),
	startedAt: createdAt('started_at'),
	lastSeenAt: instant('last_seen_at').notNull()
});
