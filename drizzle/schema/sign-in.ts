import { bigint, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './columns.ts';
import { users } from './users.ts';

// Hardened sign-in: second factor, password reset, rate limits.
// Security: every table here holds secrets or abuse counters. None is in Zero's publication and
// none is in the Zero schema (drizzle-zero.config.ts lists them as false).

/**
 * A user's TOTP secret (RFC 6238). `secret` is AES-256-GCM ciphertext when TOTP_ENCRYPTION_KEY is
 * set (see server/auth/secret-box.ts). Until `confirmed_at` is set the user is still enrolling:
 * the secret was shown but no code from it has been typed back, so sign-in does not ask for it.
 */
export const userTotp = pgTable('user_totp', {
	userId: uuid('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	secret: text('secret').notNull(),
	confirmedAt: instant('confirmed_at'),
	createdAt: createdAt()
});

/**
 * The time steps whose code a user has already used: a code is accepted once (RFC 6238 §5.2), even
 * though it stays valid for up to 90 seconds. Rows older than a few minutes mean nothing and go.
 */
export const totpUsedSteps = pgTable(
	'totp_used_steps',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		step: bigint('step', { mode: 'number' }).notNull(),
		usedAt: createdAt('used_at')
	},
	(t) => [primaryKey({ columns: [t.userId, t.step] })]
);

/** Single-use recovery codes, stored as their SHA-256 (they are random, so no salt is needed). */
export const totpRecoveryCodes = pgTable(
	'totp_recovery_codes',
	{
		id: id(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		codeHash: text('code_hash').notNull(),
		usedAt: instant('used_at'),
		createdAt: createdAt()
	},
	(t) => [index('idx_totp_recovery_codes_user').on(t.userId)]
);

/**
 * A password checked, a code still to come: the browser holds a token whose SHA-256 is the id,
 * and the session is created only once the code is right.
 */
export const signInChallenges = pgTable(
	'sign_in_challenges',
	{
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: instant('expires_at').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('idx_sign_in_challenges_user').on(t.userId)]
);

/** Emailed reset links: the id is the SHA-256 of the link's token; one use, one hour. */
export const passwordResetTokens = pgTable(
	'password_reset_tokens',
	{
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: instant('expires_at').notNull(),
		usedAt: instant('used_at'),
		createdAt: createdAt()
	},
	(t) => [index('idx_password_reset_tokens_user').on(t.userId)]
);

/**
 * Fixed-window counters, one row per key (e.g. `login-account:ada@example.com`), counted with one
 * atomic upsert so that several app processes share them (server/security/rate-limit.ts).
 */
export const rateLimits = pgTable(
	'rate_limits',
	{
		key: text('key').primaryKey(),
		windowStart: instant('window_start').notNull(),
		hits: integer('hits').notNull(),
		expiresAt: instant('expires_at').notNull()
	},
	(t) => [index('idx_rate_limits_expires').on(t.expiresAt)]
);
