import type { Cookies } from '@sveltejs/kit';
import { database } from '../db/client.ts';
import { config } from '../env.ts';
import { API_KEY_PREFIX, validateApiKey, type ApiKeyUse } from './api-keys.ts';
import { validateAccessToken } from './api-tokens.ts';
import {
	createSession,
	invalidateSession,
	validateSessionToken,
	type Session,
	type SessionUser
} from './sessions.ts';

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

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(request: Request): string | null {
	const match = /^Bearer +(\S+)$/i.exec(request.headers.get('authorization') ?? '');
	return match ? match[1] : null;
}

/**
 * The signed-in user of a request: its session cookie first, else a bearer access token (REST
 * clients) or an integration's API key (server/auth/api-keys.ts), which have no session.
 */
export async function authenticateRequest(
	cookies: Cookies,
	request: Request
): Promise<{ user: SessionUser; session: Session | null; apiKey?: ApiKeyUse } | null> {
	const fromCookie = await authenticate(cookies);
	if (fromCookie) return fromCookie;
	const token = bearerToken(request);
	if (!token) return null;
	if (token.startsWith(API_KEY_PREFIX)) {
		const key = await validateApiKey(database().db, token);
		return key && { ...key, session: null };
	}
	const result = await validateAccessToken(database().db, token);
	return result && { user: result.user, session: null };
}

export async function startSession(cookies: Cookies, userId: string) {
	const { token, session } = await createSession(database().db, userId, config.sessionDays());
	setSessionCookie(cookies, token, session.expiresAt);
}

export async function endSession(cookies: Cookies, sessionId: string | undefined) {
	if (sessionId) await invalidateSession(database().db, sessionId);
	cookies.delete(SESSION_COOKIE, { path: '/' });
}
