import { check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, oneOf } from './columns.ts';
import { users } from './users.ts';

export const API_TOKEN_KINDS = ['access', 'refresh'] as const;
export type ApiTokenKind = (typeof API_TOKEN_KINDS)[number];

/**
 * Bearer tokens of the REST API (spec §5.3), opaque like session tokens: the id is the SHA-256 of
 * the token the client holds, never the token. One sign-in starts a family; each refresh consumes
 * its refresh token (`used_at`) and adds a new pair to the same family, so presenting a used
 * refresh token again reveals a copy and revokes the whole family (`revoked_at`).
 *
 * Security: holds secrets, so it is not in Zero's publication and not in the Zero schema.
 */
export const apiTokens = pgTable(
	'api_tokens',
	{
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: API_TOKEN_KINDS }).notNull(),
		familyId: uuid('family_id').notNull(),
		expiresAt: instant('expires_at').notNull(),
		createdAt: createdAt(),
		usedAt: instant('used_at'),
		revokedAt: instant('revoked_at')
	},
	(t) => [
		check('api_tokens_kind_check', oneOf('kind', API_TOKEN_KINDS)),
		index('idx_api_tokens_family').on(t.familyId),
		index('idx_api_tokens_user').on(t.userId),
		index('idx_api_tokens_expires').on(t.expiresAt)
	]
);
