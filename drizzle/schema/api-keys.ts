import { check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, oneOf } from './columns.ts';
import { users } from './users.ts';

export const API_KEY_SCOPES = ['read', 'write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * Keys for integrations on the REST API (`Authorization: Bearer vck_…`), made by an admin and
 * acting as them: `read` keys may only read (GET). Unlike sign-in tokens they do not expire; an
 * admin revokes them (`revoked_at`). Only the SHA-256 of the key is kept (`key_hash`); it is shown
 * once, when made. `prefix` (its first characters) tells keys apart in the list.
 *
 * Security: holds secrets' hashes, so it is not in Zero's publication and not in the Zero schema.
 */
export const apiKeys = pgTable(
	'api_keys',
	{
		id: id(),
		name: text('name').notNull(),
		scope: text('scope', { enum: API_KEY_SCOPES }).notNull(),
		keyHash: text('key_hash').notNull().unique(),
		prefix: text('prefix').notNull(),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: createdAt(),
		lastUsedAt: instant('last_used_at'),
		revokedAt: instant('revoked_at'),
		revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [
		check('api_keys_scope_check', oneOf('scope', API_KEY_SCOPES)),
		index('idx_api_keys_created_by').on(t.createdBy)
	]
);
