import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, gt, isNull, notInArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { apiTokens, users } from '../../drizzle/schema.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { generateSessionToken, type SessionUser } from './sessions.ts';

// Bearer tokens for REST clients (spec §5.3), opaque and hashed at rest like session tokens.
// A sign-in starts a token family. Refreshing consumes the refresh token and adds a new pair to
// the family, revoking the pair before it; so a family has at most one live pair. A refresh token
// presented a second time means two parties hold it (one of them a thief, and we cannot tell
// which): the whole family is revoked, and both must sign in again.
//
// Worked example: login → (A1, R1). Refresh R1 → (A2, R2); R1 used, A1 revoked. Refresh R1
// again → refused as reused, and A2 and R2 are revoked too.

export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_SECONDS = 7 * 24 * 60 * 60;

export type TokenPair = {
	accessToken: string;
	refreshToken: string;
	familyId: string;
	accessExpiresAt: Date;
	refreshExpiresAt: Date;
};

export type RefreshFailure = 'unknown' | 'revoked' | 'reused' | 'expired' | 'inactive';
export type RefreshResult =
	{ ok: true; user: SessionUser; pair: TokenPair } | { ok: false; reason: RefreshFailure };

/** The stored id of a token: its SHA-256, so a leaked table cannot be replayed. */
export function apiTokenIdOf(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

const later = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000);
const fail = (reason: RefreshFailure): RefreshResult => ({ ok: false, reason });

/** A new access + refresh pair for a user; a new family unless one is given (rotation). */
export async function issueTokenPair(
	db: DbOrTx,
	userId: string,
	now = new Date(),
	familyId: string = uuidv7()
): Promise<TokenPair> {
	const pair: TokenPair = {
		accessToken: generateSessionToken(),
		refreshToken: generateSessionToken(),
		familyId,
		accessExpiresAt: later(now, ACCESS_TOKEN_SECONDS),
		refreshExpiresAt: later(now, REFRESH_TOKEN_SECONDS)
	};
	await db.insert(apiTokens).values([
		{
			id: apiTokenIdOf(pair.accessToken),
			userId,
			kind: 'access',
			familyId,
			expiresAt: pair.accessExpiresAt,
			createdAt: now
		},
		{
			id: apiTokenIdOf(pair.refreshToken),
			userId,
			kind: 'refresh',
			familyId,
			expiresAt: pair.refreshExpiresAt,
			createdAt: now
		}
	]);
	return pair;
}

/**
 * The (active) user of an access token, or null when the token is unknown, a refresh token,
 * expired, revoked, or its user is inactive.
 */
export async function validateAccessToken(db: DbOrTx, token: string, now = new Date()) {
	const [row] = await db
		.select({ token: apiTokens, user: users })
		.from(apiTokens)
		.innerJoin(users, eq(apiTokens.userId, users.id))
		.where(eq(apiTokens.id, apiTokenIdOf(token)));
	if (!row) return null;
	const { token: stored, user } = row;
	if (stored.kind !== 'access' || stored.revokedAt || now >= stored.expiresAt || !user.isActive) {
		return null;
	}
	return { user, familyId: stored.familyId, expiresAt: stored.expiresAt };
}

/**
 * Trades a refresh token for a new pair in its family. The old refresh token is consumed and the
 * old access token revoked. Reuse of a consumed refresh token revokes the family and fails.
 */
export async function rotateRefreshToken(
	db: Db,
	token: string,
	now = new Date()
): Promise<RefreshResult> {
	return db.transaction(async (tx) => {
		// Security: the row lock makes two concurrent refreshes with one token take turns, so the
		// second sees it used (reuse) instead of both minting a pair.
		const [row] = await tx
			.select({ token: apiTokens, user: users })
			.from(apiTokens)
			.innerJoin(users, eq(apiTokens.userId, users.id))
			.where(eq(apiTokens.id, apiTokenIdOf(token)))
			.for('update', { of: apiTokens });
		if (!row || row.token.kind !== 'refresh') return fail('unknown');
		const { token: stored, user } = row;
		if (stored.revokedAt) return fail('revoked');
		// Checked before expiry: a copy used after its own expiry still exposes a live family.
		if (stored.usedAt) {
			await revokeFamily(tx, stored.familyId, now);
			return fail('reused');
		}
		if (now >= stored.expiresAt) return fail('expired');
		if (!user.isActive) return fail('inactive');

		await tx.update(apiTokens).set({ usedAt: now }).where(eq(apiTokens.id, stored.id));
		await tx
			.update(apiTokens)
			.set({ revokedAt: now })
			.where(
				and(
					eq(apiTokens.familyId, stored.familyId),
					eq(apiTokens.kind, 'access'),
					isNull(apiTokens.revokedAt)
				)
			);
		const pair = await issueTokenPair(tx, user.id, now, stored.familyId);
		return { ok: true as const, user, pair };
	});
}

async function revokeFamily(db: DbOrTx, familyId: string, now: Date) {
	await db
		.update(apiTokens)
		.set({ revokedAt: now })
		.where(and(eq(apiTokens.familyId, familyId), isNull(apiTokens.revokedAt)));
}

/**
 * Sign-out: revokes the family of a token of either kind, even an expired or used one (only its
 * holder can present it, and revoking costs nobody else anything). False for an unknown token.
 */
export async function revokeTokenFamily(db: DbOrTx, token: string, now = new Date()) {
	const [row] = await db
		.select({ familyId: apiTokens.familyId })
		.from(apiTokens)
		.where(eq(apiTokens.id, apiTokenIdOf(token)));
	if (!row) return false;
	await revokeFamily(db, row.familyId, now);
	return true;
}

/**
 * Deletes the families whose every token has expired (for a periodic clean-up). A family with an
 * unexpired token is kept whole, so a consumed refresh token is still recognised as reused.
 */
export async function deleteExpiredApiTokens(db: DbOrTx, now = new Date()) {
	const liveFamilies = db
		.selectDistinct({ familyId: apiTokens.familyId })
		.from(apiTokens)
		.where(gt(apiTokens.expiresAt, now));
	const deleted = await db
		.delete(apiTokens)
		.where(notInArray(apiTokens.familyId, liveFamilies))
		.returning({ id: apiTokens.id });
	return deleted.length;
}
