import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	validateSessionToken
} from './sessions.ts';

// Sessions against a real, migrated Postgres. Every test passes its own `now`, so none depends on
// the clock.

let pg: TestDatabase;

const DAY = 24 * 60 * 60 * 1000;
const LIFETIME_DAYS = 30;
const T0 = new Date('2026-03-01T12:00:00.000Z');
const after = (days: number, ms = 0) => new Date(T0.getTime() + days * DAY + ms);

let seq = 0;
async function newUser(active = true) {
	seq += 1;
	const email = `session-user-${seq}@example.com`;
	const [row] = await pg.sql<{ id: string }[]>`
		INSERT INTO users (email, username, name, is_active)
		VALUES (${email}, ${email}, ${`User ${seq}`}, ${active})
		RETURNING id`;
	return row.id;
}

async function storedSession(id: string) {
	// The drizzle-wrapped client hands timestamps back as text.
	const rows = await pg.sql<{ id: string; user_id: string; expires_at: string }[]>`
		SELECT id, user_id, expires_at FROM sessions WHERE id = ${id}`;
	return rows[0] && { ...rows[0], expires_at: new Date(rows[0].expires_at) };
}

const sha256Hex = (token: string) => createHash('sha256').update(token).digest('hex');

beforeAll(async () => {
	pg = await startTestDatabase();
});

afterAll(() => pg?.stop());

describe('createSession', () => {
	it('stores the SHA-256 of the token, never the token', async () => {
		const userId = await newUser();
		const { token, session } = await createSession(pg.db, userId, LIFETIME_DAYS, T0);

		expect(token).toMatch(/^[a-z2-7]{32}$/); // 20 random bytes, base32
		expect(session.id).toBe(sha256Hex(token));
		expect(session.id).not.toBe(token);
		expect(session.expiresAt.getTime()).toBe(after(LIFETIME_DAYS).getTime());

		const row = await storedSession(session.id);
		expect(row.user_id).toBe(userId);
		expect(row.expires_at.getTime()).toBe(after(LIFETIME_DAYS).getTime());

		const byToken = await pg.sql`SELECT 1 FROM sessions WHERE id = ${token}`;
		expect(byToken).toHaveLength(0);
		const anywhere = await pg.sql`
			SELECT 1 FROM sessions WHERE id LIKE ${`%${token}%`} OR user_id::text = ${token}`;
		expect(anywhere).toHaveLength(0);
	});

	it('gives a different token every time', async () => {
		const userId = await newUser();
		const a = await createSession(pg.db, userId, LIFETIME_DAYS, T0);
		const b = await createSession(pg.db, userId, LIFETIME_DAYS, T0);
		expect(a.token).not.toBe(b.token);
		expect(a.session.id).not.toBe(b.session.id);
		expect(generateSessionToken()).not.toBe(generateSessionToken());
	});
});

describe('validateSessionToken', () => {
	it('returns the session and its user', async () => {
		const userId = await newUser();
		const { token, session } = await createSession(pg.db, userId, LIFETIME_DAYS, T0);
		const result = await validateSessionToken(pg.db, token, LIFETIME_DAYS, after(1));
		expect(result).not.toBeNull();
		expect(result!.session).toMatchObject(session);
		expect(result!.user).toMatchObject({ id: userId, isActive: true, role: 'customer' });
	});

	it('works with the real clock too (default now)', async () => {
		const userId = await newUser();
		const { token } = await createSession(pg.db, userId, LIFETIME_DAYS);
		const result = await validateSessionToken(pg.db, token, LIFETIME_DAYS);
		expect(result?.user.id).toBe(userId);
	});

	it('refuses the stored id used as a token', async () => {
		const userId = await newUser();
		const { session } = await createSession(pg.db, userId, LIFETIME_DAYS, T0);
		expect(await validateSessionToken(pg.db, session.id, LIFETIME_DAYS, after(1))).toBeNull();
	});

	it('returns null for a random unknown token', async () => {
		expect(
			await validateSessionToken(pg.db, generateSessionToken(), LIFETIME_DAYS, after(1))
		).toBeNull();
		expect(await validateSessionToken(pg.db, '', LIFETIME_DAYS, after(1))).toBeNull();
	});

	it('accepts a session up to its last millisecond, then refuses it and deletes the row', async () => {
		const userId = await newUser();
		const { token, session } = await createSession(pg.db, userId, LIFETIME_DAYS, T0);

		// One millisecond before expiry it is still valid (and gets extended, being in its last half).
		const { token: token2, session: session2 } = await createSession(
			pg.db,
			userId,
			LIFETIME_DAYS,
			T0
		);
		const justBefore = await validateSessionToken(pg.db, token2, LIFETIME_DAYS, after(30, -1));
		expect(justBefore?.user.id).toBe(userId);
		expect(await storedSession(session2.id)).toBeDefined();

		// At expiry exactly, and after it, it is gone.
		expect(await validateSessionToken(pg.db, token, LIFETIME_DAYS, after(30))).toBeNull();
		expect(await storedSession(session.id)).toBeUndefined();
		expect(await validateSessionToken(pg.db, token, LIFETIME_DAYS, after(1))).toBeNull();
	});

	it('deletes a long-expired session', async () => {
		const userId = await newUser();
		const { token, session } = await createSession(pg.db, userId, LIFETIME_DAYS, T0);
		expect(await validateSessionToken(pg.db, token, LIFETIME_DAYS, after(365))).toBeNull();
		expect(await storedSession(session.id)).toBeUndefined();
	});

	it('does not extend a session used in the first half of its life', async () => {
		const userId = await newUser();
		const { token, session } = await createSession(pg.db, userId, LIFETIME_DAYS, T0);
		const expiresAt = after(LIFETIME_DAYS).getTime();

		for (const day of [0, 1, 10, 14]) {
			const result = await validateSessionToken(pg.db, token, LIFETIME_DAYS, after(day));
			expect(result?.session.expiresAt.getTime()).toBe(expiresAt);
			expect((await storedSession(session.id)).expires_at.getTime()).toBe(expiresAt);
		}
	});

	it('extends a session used in its last half to the full lifetime from now', async () => {
		const userId = await newUser();
		const { token, session } = await createSession(pg.db, userId, LIFETIME_DAYS, T0);

		const usedAt = after(20);
		const extended = after(20 + LIFETIME_DAYS).getTime();
		const result = await validateSessionToken(pg.db, token, LIFETIME_DAYS, usedAt);
		expect(result?.session.expiresAt.getTime()).toBe(extended);
		expect((await storedSession(session.id)).expires_at.getTime()).toBe(extended);

		// The extension is real: past the original expiry it still works.
		const later = await validateSessionToken(pg.db, token, LIFETIME_DAYS, after(35));
		expect(later?.user.id).toBe(userId);
		expect((await storedSession(session.id)).expires_at.getTime()).toBe(extended);
	});

	it('refuses a token of an inactive user', async () => {
		const userId = await newUser();
		const { token } = await createSession(pg.db, userId, LIFETIME_DAYS, T0);
		expect((await validateSessionToken(pg.db, token, LIFETIME_DAYS, after(1)))?.user.id).toBe(
			userId
		);

		await pg.sql`UPDATE users SET is_active = false WHERE id = ${userId}`;
		expect(await validateSessionToken(pg.db, token, LIFETIME_DAYS, after(2))).toBeNull();
	});

	it('refuses a session created for a user who is already inactive', async () => {
		const userId = await newUser(false);
		const { token } = await createSession(pg.db, userId, LIFETIME_DAYS, T0);
		expect(await validateSessionToken(pg.db, token, LIFETIME_DAYS, after(1))).toBeNull();
	});
});

describe('invalidating sessions', () => {
	it('invalidateSession ends that session only', async () => {
		const userId = await newUser();
		const one = await createSession(pg.db, userId, LIFETIME_DAYS, T0);
		const two = await createSession(pg.db, userId, LIFETIME_DAYS, T0);

		await invalidateSession(pg.db, one.session.id);

		expect(await validateSessionToken(pg.db, one.token, LIFETIME_DAYS, after(1))).toBeNull();
		expect(await storedSession(one.session.id)).toBeUndefined();
		expect((await validateSessionToken(pg.db, two.token, LIFETIME_DAYS, after(1)))?.user.id).toBe(
			userId
		);
	});

	it('invalidateUserSessions ends every session of that user and no one else’s', async () => {
		const userId = await newUser();
		const otherId = await newUser();
		const mine = [
			await createSession(pg.db, userId, LIFETIME_DAYS, T0),
			await createSession(pg.db, userId, LIFETIME_DAYS, T0)
		];
		const theirs = await createSession(pg.db, otherId, LIFETIME_DAYS, T0);

		await invalidateUserSessions(pg.db, userId);

		for (const { token } of mine) {
			expect(await validateSessionToken(pg.db, token, LIFETIME_DAYS, after(1))).toBeNull();
		}
		const [{ n }] = await pg.sql<{ n: number }[]>`
			SELECT count(*)::int AS n FROM sessions WHERE user_id = ${userId}`;
		expect(n).toBe(0);
		expect(
			(await validateSessionToken(pg.db, theirs.token, LIFETIME_DAYS, after(1)))?.user.id
		).toBe(otherId);
	});
});
