import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { sessions, users } from '../../drizzle/schema.ts';
import type { Db } from '../db/client.ts';

// Sessions the Lucia way: the browser holds a random token; the database holds only its SHA-256,
// so a leaked sessions table cannot be replayed. Sessions slide: used in their last half, they
// are extended to the full lifetime.

const DAY_MS = 24 * 60 * 60 * 1000;

export type SessionUser = typeof users.$inferSelect;
export type Session = { id: string; userId: string; expiresAt: Date };

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

function sessionIdOf(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
	db: Db,
	userId: string,
	lifetimeDays: number,
	now = new Date()
) {
	const token = generateSessionToken();
	const session: Session = {
		id: sessionIdOf(token),
		userId,
		expiresAt: new Date(now.getTime() + lifetimeDays * DAY_MS)
	};
	await db.insert(sessions).values(session);
	return { token, session };
}

/** The session and its (active) user for a token, or null; expired sessions are deleted. */
export async function validateSessionToken(
	db: Db,
	token: string,
	lifetimeDays: number,
	now = new Date()
) {
	const id = sessionIdOf(token);
	const [row] = await db
		.select({ session: sessions, user: users })
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, id));
	if (!row) return null;
	const { session, user } = row;
	if (now >= session.expiresAt || !user.isActive) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return null;
	}
	const lifetime = lifetimeDays * DAY_MS;
	if (session.expiresAt.getTime() - now.getTime() < lifetime / 2) {
		session.expiresAt = new Date(now.getTime() + lifetime);
		await db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id));
	}
	return { session, user };
}

export async function invalidateSession(db: Db, sessionId: string) {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateUserSessions(db: Db, userId: string) {
	await db.delete(sessions).where(eq(sessions.userId, userId));
}
