import { and, eq, gt, lt } from 'drizzle-orm';
import { signInChallenges, users } from '../../drizzle/schema.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { generateSessionToken } from './sessions.ts';
import { apiTokenIdOf } from './api-tokens.ts';

// Between the password and the code: the browser holds a random token (cookie), the database its
// SHA-256 and the user it stands for. It grants nothing but the right to type a code, or, for an
// admin not yet enrolled, to enrol; the session is created only after that.

export const CHALLENGE_MINUTES = 10;

export async function createChallenge(db: DbOrTx, userId: string, now = new Date()) {
	const token = generateSessionToken();
	const expiresAt = new Date(now.getTime() + CHALLENGE_MINUTES * 60_000);
	await db.delete(signInChallenges).where(lt(signInChallenges.expiresAt, now));
	await db.insert(signInChallenges).values({ id: apiTokenIdOf(token), userId, expiresAt });
	return { token, expiresAt };
}

/** The (active) user a live challenge stands for, or null. */
export async function challengeUser(db: DbOrTx, token: string, now = new Date()) {
	const [row] = await db
		.select({ user: users })
		.from(signInChallenges)
		.innerJoin(users, eq(users.id, signInChallenges.userId))
		.where(and(eq(signInChallenges.id, apiTokenIdOf(token)), gt(signInChallenges.expiresAt, now)));
	return row?.user.isActive ? row.user : null;
}

export async function endChallenge(db: Db, token: string) {
	await db.delete(signInChallenges).where(eq(signInChallenges.id, apiTokenIdOf(token)));
}
