import { check, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, oneOf } from './columns.ts';
import { users } from './users.ts';

/** `system`: a scheduled job of the app itself (e.g. the data retention task), with no actor. */
export const AUDIT_SOURCES = ['app', 'api', 'system'] as const;

/**
 * Who changed what and when: one row per office change, written in the change's own transaction
 * (so a refused or rolled-back change leaves none). Stays on the server: it names people.
 */
export const auditLog = pgTable(
	'audit_log',
	{
		id: id(),
		at: createdAt('at'),
		actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
		actorRole: text('actor_role').notNull(),
		/** The change's name, e.g. `booking.reschedule` (a mutator) or `api_keys.revoke`. */
		action: text('action').notNull(),
		/** The changed row's id, when the change names one. */
		entityId: text('entity_id'),
		/** The change's arguments as given (what was asked for). */
		details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
		source: text('source', { enum: AUDIT_SOURCES }).notNull()
	},
	(t) => [
		index('audit_log_at_idx').on(t.at),
		index('audit_log_entity_idx').on(t.entityId),
		check('audit_log_source_check', oneOf('source', AUDIT_SOURCES))
	]
);
