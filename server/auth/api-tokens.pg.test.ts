import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import {
	ACCESS_TOKEN_SECONDS,
	deleteExpiredApiTokens,
	issueTokenPair,
	REFRESH_TOKEN_SECONDS,
	revokeTokenFamily,
	rotateRefreshToken,
	validateAccessToken,
	type RefreshResult,
	type TokenPair
} from './api-tokens.ts';
import { generateSessionToken } from './sessions.ts';

// Bearer tokens against a real, migrated Postgres. Every call passes its own `now`.

let pg: TestDatabase;

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;
const T0 = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

let seq = 0;
async function newUser(active = true) {
	seq += 1;
	const email = `token-user-${seq}@example.com`;
	const [row] = await pg.sql<{ id: string }[]>`
		INSERT INTO users (email, username, name, is_active)
		VALUES (${email}, ${email}, ${`User ${seq}`}, ${active})
		RETURNING id`;
	return row.id;
}

type StoredToken = {
	id: string;
	user_id: string;
	kind: string;
	family_id: string;
	expires_at: Date;
	used_at: Date | null;
	revoked_at: Date | null;
};

async function stored(token: string): Promise<StoredToken | undefined> {
	// The drizzle-wrapped client hands timestamps back as text.
	const [row] = await pg.sql<Record<string, string | null>[]>`
		SELECT id, user_id, kind, family_id, expires_at, used_at, revoked_at
		FROM api_tokens WHERE id = ${sha256Hex(token)}`;
	if (!row) return undefined;
	const date = (v: string | null) => (v === null ? null : new Date(v));
	return {
		id: row.id!,
		user_id: row.user_id!,
		kind: row.kind!,
		family_id: row.family_id!,
		expires_at: date(row.expires_at)!,
		used_at: date(row.used_at),
		revoked_at: date(row.revoked_at)
	};
}

const sha256Hex = (token: string) => createHash('sha256').update(token).digest('hex');

function rotated(result: RefreshResult) {
	if (!result.ok) throw new Error(`expected a new pair, got ${result.reason}`);
	return result;
}

const userOf = async (token: string, now: Date) =>
	(await validateAccessToken(pg.db, token, now))?.user.id ?? null;

beforeAll(async () => {
	pg = await startTestDatabase();
});

afterAll(() => pg?.stop());

describe('issueTokenPair', () => {
	it('stores the SHA-256 of each token, never the token', async () => {
		const userId = await newUser();
		const pair = await issueTokenPair(pg.db, userId, T0);

		expect(pair.accessToken).toMatch(/^[a-z2-7]{32}$/);
		expect(pair.refreshToken).toMatch(/^[a-z2-7]{32}$/);
		expect(pair.accessToken).not.toBe(pair.refreshToken);

		const access = await stored(pair.accessToken);
		const refresh = await stored(pair.refreshToken);
		expect(access).toMatchObject({ user_id: userId, kind: 'access', family_id: pair.familyId });
		expect(refresh).toMatchObject({ user_id: userId, kind: 'refresh', family_id: pair.familyId });
		expect(access!.id).toBe(sha256Hex(pair.accessToken));

		for (const token of [pair.accessToken, pair.refreshToken]) {
			const anywhere = await pg.sql`
				SELECT 1 FROM api_tokens
				WHERE id LIKE ${`%${token}%`} OR family_id::text = ${token} OR user_id::text = ${token}`;
			expect(anywhere).toHaveLength(0);
		}
	});

	it('gives access 15 minutes and refresh 7 days', async () => {
		const pair = await issueTokenPair(pg.db, await newUser(), T0);
		expect(ACCESS_TOKEN_SECONDS).toBe(900);
		expect(REFRESH_TOKEN_SECONDS).toBe(604_800);
		expect(pair.accessExpiresAt.getTime()).toBe(at(15 * MINUTE).getTime());
		expect(pair.refreshExpiresAt.getTime()).toBe(at(7 * DAY).getTime());
		expect((await stored(pair.accessToken))!.expires_at.getTime()).toBe(at(15 * MINUTE).getTime());
		expect((await stored(pair.refreshToken))!.expires_at.getTime()).toBe(at(7 * DAY).getTime());
	});

	it('starts a new family at each sign-in', async () => {
		const userId = await newUser();
		const a = await issueTokenPair(pg.db, userId, T0);
		const b = await issueTokenPair(pg.db, userId, T0);
		expect(a.familyId).not.toBe(b.familyId);
		expect(a.accessToken).not.toBe(b.accessToken);
	});
});

describe('validateAccessToken', () => {
	it('returns the user up to the last millisecond of 15 minutes, then nothing', async () => {
		const userId = await newUser();
		const { accessToken } = await issueTokenPair(pg.db, userId, T0);
		expect(await userOf(accessToken, T0)).toBe(userId);
		expect(await userOf(accessToken, at(15 * MINUTE - 1))).toBe(userId);
		expect(await userOf(accessToken, at(15 * MINUTE))).toBeNull();
		expect(await userOf(accessToken, at(DAY))).toBeNull();
	});

	it('refuses a refresh token, the stored hash, and unknown tokens', async () => {
		const pair = await issueTokenPair(pg.db, await newUser(), T0);
		expect(await userOf(pair.refreshToken, at(1))).toBeNull();
		expect(await userOf(sha256Hex(pair.accessToken), at(1))).toBeNull();
		expect(await userOf(generateSessionToken(), at(1))).toBeNull();
		expect(await userOf('', at(1))).toBeNull();
	});

	it('refuses the token of an inactive user', async () => {
		const userId = await newUser();
		const pair = await issueTokenPair(pg.db, userId, T0);
		expect(await userOf(pair.accessToken, at(1))).toBe(userId);
		await pg.sql`UPDATE users SET is_active = false WHERE id = ${userId}`;
		expect(await userOf(pair.accessToken, at(2))).toBeNull();

		const never = await issueTokenPair(pg.db, await newUser(false), T0);
		expect(await userOf(never.accessToken, at(1))).toBeNull();
	});
});

describe('rotateRefreshToken', () => {
	it('trades a refresh token for a new pair in the same family and uses it up', async () => {
		const userId = await newUser();
		const first = await issueTokenPair(pg.db, userId, T0);
		const now = at(DAY);
		const { user, pair } = rotated(await rotateRefreshToken(pg.db, first.refreshToken, now));

		expect(user.id).toBe(userId);
		expect(pair.familyId).toBe(first.familyId);
		expect(pair.accessToken).not.toBe(first.accessToken);
		expect(pair.refreshToken).not.toBe(first.refreshToken);
		// The new pair's lifetimes count from the refresh.
		expect(pair.accessExpiresAt.getTime()).toBe(now.getTime() + 15 * MINUTE);
		expect(pair.refreshExpiresAt.getTime()).toBe(now.getTime() + 7 * DAY);
		expect(await userOf(pair.accessToken, at(DAY + 1))).toBe(userId);

		expect((await stored(first.refreshToken))!.used_at?.getTime()).toBe(now.getTime());
		expect((await stored(first.accessToken))!.revoked_at?.getTime()).toBe(now.getTime());
		expect((await stored(pair.refreshToken))!.used_at).toBeNull();
	});

	it('revokes the access token it replaces', async () => {
		const first = await issueTokenPair(pg.db, await newUser(), T0);
		rotated(await rotateRefreshToken(pg.db, first.refreshToken, at(MINUTE)));
		expect(await userOf(first.accessToken, at(MINUTE + 1))).toBeNull();
	});

	it('chains: each new refresh token works once', async () => {
		const userId = await newUser();
		let pair: TokenPair = await issueTokenPair(pg.db, userId, T0);
		for (let day = 1; day <= 20; day += 3) {
			pair = rotated(await rotateRefreshToken(pg.db, pair.refreshToken, at(day * DAY))).pair;
		}
		// Twenty days after sign-in, well past the first refresh token's 7 days.
		expect(await userOf(pair.accessToken, at(19 * DAY + 1))).toBe(userId);
	});

	it('accepts a refresh token up to the last millisecond of 7 days, then refuses it', async () => {
		const userId = await newUser();
		const a = await issueTokenPair(pg.db, userId, T0);
		rotated(await rotateRefreshToken(pg.db, a.refreshToken, at(7 * DAY - 1)));

		const b = await issueTokenPair(pg.db, userId, T0);
		expect(await rotateRefreshToken(pg.db, b.refreshToken, at(7 * DAY))).toEqual({
			ok: false,
			reason: 'expired'
		});
	});

	it('refuses an access token, the stored hash and an unknown token', async () => {
		const pair = await issueTokenPair(pg.db, await newUser(), T0);
		for (const token of [pair.accessToken, sha256Hex(pair.refreshToken), generateSessionToken()]) {
			expect(await rotateRefreshToken(pg.db, token, at(1))).toEqual({
				ok: false,
				reason: 'unknown'
			});
		}
		// None of that touched the real refresh token.
		rotated(await rotateRefreshToken(pg.db, pair.refreshToken, at(2)));
	});

	it('on reuse of a used refresh token, revokes the whole family and fails', async () => {
		const userId = await newUser();
		const login = await issueTokenPair(pg.db, userId, T0);
		const other = await issueTokenPair(pg.db, userId, T0); // another device: untouched
		const second = rotated(await rotateRefreshToken(pg.db, login.refreshToken, at(MINUTE))).pair;

		// A thief replays the old refresh token.
		expect(await rotateRefreshToken(pg.db, login.refreshToken, at(2 * MINUTE))).toEqual({
			ok: false,
			reason: 'reused'
		});
		expect(await userOf(second.accessToken, at(2 * MINUTE + 1))).toBeNull();
		expect(await rotateRefreshToken(pg.db, second.refreshToken, at(3 * MINUTE))).toEqual({
			ok: false,
			reason: 'revoked'
		});
		const live = await pg.sql`
			SELECT 1 FROM api_tokens WHERE family_id = ${login.familyId} AND revoked_at IS NULL`;
		expect(live).toHaveLength(0);

		expect(await userOf(other.accessToken, at(3 * MINUTE))).toBe(userId);
		rotated(await rotateRefreshToken(pg.db, other.refreshToken, at(3 * MINUTE)));
	});

	it('detects reuse even after the used token has expired', async () => {
		const login = await issueTokenPair(pg.db, await newUser(), T0);
		const next = rotated(await rotateRefreshToken(pg.db, login.refreshToken, at(6 * DAY))).pair;
		expect(await rotateRefreshToken(pg.db, login.refreshToken, at(8 * DAY))).toEqual({
			ok: false,
			reason: 'reused'
		});
		expect((await rotateRefreshToken(pg.db, next.refreshToken, at(8 * DAY))).ok).toBe(false);
	});

	it('lets one of several concurrent refreshes with one token win, and revokes the family', async () => {
		// The pool has 4 connections: 4 transactions really run side by side.
		const login = await issueTokenPair(pg.db, await newUser(), T0);
		const results = await Promise.all(
			[1, 2, 3, 4].map(() => rotateRefreshToken(pg.db, login.refreshToken, at(MINUTE)))
		);
		const winners = results.filter((r) => r.ok);
		// The first to follow the winner finds the token used and revokes the family (the used
		// token too); the rest find it revoked.
		const reasons = results.map((r) => (r.ok ? 'ok' : r.reason)).sort();
		expect(reasons).toEqual(['ok', 'reused', 'revoked', 'revoked']);
		expect(await userOf(rotated(winners[0]).pair.accessToken, at(MINUTE + 1))).toBeNull();
	});

	it('refuses the refresh token of an inactive user without using it up', async () => {
		const userId = await newUser();
		const pair = await issueTokenPair(pg.db, userId, T0);
		await pg.sql`UPDATE users SET is_active = false WHERE id = ${userId}`;
		expect(await rotateRefreshToken(pg.db, pair.refreshToken, at(1))).toEqual({
			ok: false,
			reason: 'inactive'
		});
		expect((await stored(pair.refreshToken))!.used_at).toBeNull();
	});
});

describe('revokeTokenFamily (logout)', () => {
	it('by the access token, ends both tokens of the family and no other', async () => {
		const userId = await newUser();
		const pair = await issueTokenPair(pg.db, userId, T0);
		const other = await issueTokenPair(pg.db, userId, T0);

		expect(await revokeTokenFamily(pg.db, pair.accessToken, at(MINUTE))).toBe(true);

		expect(await userOf(pair.accessToken, at(MINUTE + 1))).toBeNull();
		expect(await rotateRefreshToken(pg.db, pair.refreshToken, at(MINUTE + 1))).toEqual({
			ok: false,
			reason: 'revoked'
		});
		expect((await stored(pair.accessToken))!.revoked_at?.getTime()).toBe(at(MINUTE).getTime());
		expect(await userOf(other.accessToken, at(MINUTE + 1))).toBe(userId);
	});

	it('by the refresh token, or an expired access token, after rotations', async () => {
		const userId = await newUser();
		const login = await issueTokenPair(pg.db, userId, T0);
		const next = rotated(await rotateRefreshToken(pg.db, login.refreshToken, at(MINUTE))).pair;
		expect(await revokeTokenFamily(pg.db, next.refreshToken, at(2 * MINUTE))).toBe(true);
		expect(await userOf(next.accessToken, at(2 * MINUTE + 1))).toBeNull();

		const late = await issueTokenPair(pg.db, userId, T0);
		expect(await revokeTokenFamily(pg.db, late.accessToken, at(DAY))).toBe(true);
		expect((await rotateRefreshToken(pg.db, late.refreshToken, at(DAY + 1))).ok).toBe(false);
	});

	it('says false for an unknown token', async () => {
		expect(await revokeTokenFamily(pg.db, generateSessionToken(), T0)).toBe(false);
	});
});

describe('deleteExpiredApiTokens', () => {
	it('deletes a family once all its tokens have expired, and keeps a live one whole', async () => {
		const userId = await newUser();
		const dead = await issueTokenPair(pg.db, userId, T0);
		const live = await issueTokenPair(pg.db, userId, T0);
		const next = rotated(await rotateRefreshToken(pg.db, live.refreshToken, at(6 * DAY))).pair;

		await deleteExpiredApiTokens(pg.db, at(8 * DAY));

		expect(await stored(dead.accessToken)).toBeUndefined();
		expect(await stored(dead.refreshToken)).toBeUndefined();
		// The live family still holds its used, expired refresh token, so reuse is still caught.
		expect(await stored(live.refreshToken)).toBeDefined();
		expect(await rotateRefreshToken(pg.db, live.refreshToken, at(8 * DAY))).toEqual({
			ok: false,
			reason: 'reused'
		});
		expect((await rotateRefreshToken(pg.db, next.refreshToken, at(8 * DAY))).ok).toBe(false);
	});
});
