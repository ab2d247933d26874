import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import { API_KEY_SCOPES, apiKeys, users, type ApiKeyScope } from '../../drizzle/schema.ts';
import { isAdmin, type AuthContext } from '../../sync/auth.ts';
import { fail } from '../api/envelope.ts';
import { fieldErrors } from '../api/validation.ts';
import { recordAudit } from '../audit/record.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { apiTokenIdOf } from './api-tokens.ts';
import { generateSessionToken, type SessionUser } from './sessions.ts';

// API keys for integrations: an admin makes one, sees it once, and the integration sends it as
// `Authorization: Bearer vck_…` to the REST API, acting as that admin. Only its SHA-256 is kept
// (as for sign-in tokens). A `read` key may only read. Revoked keys, and keys whose maker is no
// longer an active admin, are served as anonymous like any unknown token.

/** Keys start with this, so they are told apart from sign-in tokens (and spotted if leaked). */
export const API_KEY_PREFIX = 'vck_';

export type ApiKeyUse = { id: string; scope: ApiKeyScope };

const keyInput = z.object({
	name: z
		.string({ error: 'Give the key a name' })
		.trim()
		.min(1, 'Give the key a name, e.g. the integration that uses it')
		.max(100, 'Keep the name to 100 characters'),
	scope: z.enum(API_KEY_SCOPES, { error: 'Choose read or write' })
});

export type CreateResult =
	| { ok: true; id: string; key: string }
	| { ok: false; status: 403 | 422; message: string; fields: Record<string, string[]> };

const adminsOnly = {
	ok: false,
	status: 403,
	message: 'Only admins manage API keys',
	fields: {}
} as const;

/** Makes a key; the key itself is in the answer and nowhere else. Audited. */
export async function createApiKey(
	db: Db,
	ctx: AuthContext,
	input: unknown
): Promise<CreateResult> {
	if (!isAdmin(ctx) || !ctx.office) return adminsOnly;
	const parsed = keyInput.safeParse(input);
	if (!parsed.success)
		return {
			ok: false,
			status: 422,
			message: 'Some of the details are not valid',
			fields: fieldErrors(parsed.error)
		};
	const key = API_KEY_PREFIX + generateSessionToken();
	const id = await db.transaction(async (tx) => {
		const [row] = await tx
			.insert(apiKeys)
			.values({
				name: parsed.data.name,
				scope: parsed.data.scope,
				keyHash: apiTokenIdOf(key),
				prefix: key.slice(0, API_KEY_PREFIX.length + 6),
				createdBy: ctx.userID
			})
			.returning({ id: apiKeys.id });
		await recordAudit(tx, ctx, {
			action: 'api_keys.create',
			entityId: row.id,
			details: { name: parsed.data.name, scope: parsed.data.scope },
			source: 'app'
		});
		return row.id;
	});
	return { ok: true, id, key };
}

export type RevokeResult = { ok: true } | { ok: false; status: 403 | 404; message: string };

/** Revokes a key at once (its next request is anonymous). Audited; revoking twice is refused. */
export async function revokeApiKey(db: Db, ctx: AuthContext, id: string): Promise<RevokeResult> {
	if (!isAdmin(ctx) || !ctx.office) return { ok: false, status: 403, message: adminsOnly.message };
	if (!z.uuid().safeParse(id).success)
		return { ok: false, status: 404, message: 'There is no such key' };
	return db.transaction(async (tx) => {
		const [row] = await tx
			.update(apiKeys)
			.set({ revokedAt: new Date(), revokedBy: ctx.userID })
			.where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
			.returning({ name: apiKeys.name });
		if (!row) return { ok: false, status: 404, message: 'There is no such key, or it is revoked' };
		await recordAudit(tx, ctx, {
			action: 'api_keys.revoke',
			entityId: id,
			details: { name: row.name },
			source: 'app'
		});
		return { ok: true };
	});
}

/** Every key, newest first, with who made it (never the key). For admins alone. */
export async function listApiKeys(db: DbOrTx, ctx: AuthContext) {
	if (!isAdmin(ctx) || !ctx.office) return null;
	return db
		.select({
			id: apiKeys.id,
			name: apiKeys.name,
			scope: apiKeys.scope,
			prefix: apiKeys.prefix,
			createdAt: apiKeys.createdAt,
			lastUsedAt: apiKeys.lastUsedAt,
			revokedAt: apiKeys.revokedAt,
			createdBy: users.name
		})
		.from(apiKeys)
		.innerJoin(users, eq(users.id, apiKeys.createdBy))
		.orderBy(desc(apiKeys.createdAt));
}

/** Last use is kept to the minute: one write a minute per key at most, not one per request. */
const USE_GRANULARITY_MS = 60_000;

/** The admin a live key acts as, and the key; null for anything else. */
export async function validateApiKey(
	db: DbOrTx,
	key: string,
	now = new Date()
): Promise<{ user: SessionUser; apiKey: ApiKeyUse } | null> {
	if (!key.startsWith(API_KEY_PREFIX)) return null;
	const [row] = await db
		.select({ key: apiKeys, user: users })
		.from(apiKeys)
		.innerJoin(users, eq(users.id, apiKeys.createdBy))
		.where(eq(apiKeys.keyHash, apiTokenIdOf(key)));
	if (!row || row.key.revokedAt) return null;
	// Security: a key acts as its maker, so it stops with their admin role or their account.
	if (!row.user.isActive || row.user.role !== 'admin') return null;
	await db
		.update(apiKeys)
		.set({ lastUsedAt: now })
		.where(
			and(
				eq(apiKeys.id, row.key.id),
				or(
					isNull(apiKeys.lastUsedAt),
					lt(apiKeys.lastUsedAt, new Date(now.getTime() - USE_GRANULARITY_MS))
				)
			)
		);
	return { user: row.user, apiKey: { id: row.key.id, scope: row.key.scope } };
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Where a key may not go: it is for the REST API only (not pages, nor Zero's endpoints), and a
 * `read` key only reads. The answer to send instead, or null to go on.
 */
export function apiKeyRefusal(
	method: string,
	path: string,
	apiKey: ApiKeyUse | undefined
): Response | null {
	if (!apiKey) return null;
	if (!path.startsWith('/api/v1/'))
		return fail(403, 'FORBIDDEN', 'API keys are for the REST API under /api/v1 only');
	if (apiKey.scope === 'read' && !READS.has(method.toUpperCase()))
		return fail(
			403,
			'READ_ONLY_KEY',
			'This API key may only read: make a write key to change data'
		);
	return null;
}
