import type { Cookies } from '@sveltejs/kit';
import { database } from '../db/client.ts';
import { config } from '../env.ts';
import { createSession, invalidateSession, validateSessionToken } from './sessions.ts';

export const SESSION_COOKIE = 'valclean_session';

function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date) {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: config.secureCookies(),
		expires: expiresAt
	});
}

/** The signed-in user of a request, from its session cookie; slides the cookie's expiry too. */
export async function authenticate(cookies: Cookies) {
	const token = cookies.get(SESSION_COOKIE);
	if (!token) return null;
	const result = await validateSessionToken(database().db, token, config.sessionDays());
	if (!result) {
		cookies.delete(SESSION_COOKIE, { path: '/' });
		return null;
	}
	setSessionCookie(cookies, token, result.session.expiresAt);
	return result;
}

export async function startSession(cookies: Cookies, userId: string) {
	const { token, session } = await createSession(database().db, userId, config.sessionDays());
	setSessionCookie(cookies, token, session.expiresAt);
}

export async function endSession(cookies: Cookies, sessionId: string | undefined) {
	if (sessionId) await invalidateSession(database().db, sessionId);
	cookies.delete(SESSION_COOKIE, { path: '/' });
}
