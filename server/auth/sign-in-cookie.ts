import type { Cookies } from '@sveltejs/kit';
import { database } from '../db/client.ts';
import { config } from '../env.ts';
import { challengeUser, createChallenge, endChallenge } from './challenges.ts';

// The cookie that carries a sign-in between the password and the code (or the enrolment), on the
// sign-in pages only.

const COOKIE = 'valclean_sign_in';
const PATH = '/sign-in';

export async function startChallenge(cookies: Cookies, userId: string) {
	const { token, expiresAt } = await createChallenge(database().db, userId);
	cookies.set(COOKIE, token, {
		path: PATH,
		httpOnly: true,
		sameSite: 'lax',
		secure: config.secureCookies(),
		expires: expiresAt
	});
}

/** The user half-way through signing in, or null (no cookie, or it ran out). */
export async function challengedUser(cookies: Cookies) {
	const token = cookies.get(COOKIE);
	return token ? challengeUser(database().db, token) : null;
}

export async function finishChallenge(cookies: Cookies) {
	const token = cookies.get(COOKIE);
	if (token) await endChallenge(database().db, token);
	cookies.delete(COOKIE, { path: PATH });
}
