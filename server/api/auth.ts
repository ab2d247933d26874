import type { Cookies } from '@sveltejs/kit';
import { z } from 'zod';
import { register, type AccountResult } from '../auth/accounts.ts';
import {
	ACCESS_TOKEN_SECONDS,
	issueTokenPair,
	revokeTokenFamily,
	rotateRefreshToken,
	type TokenPair
} from '../auth/api-tokens.ts';
import { bearerToken, endSession, startSession } from '../auth/request.ts';
import type { Session } from '../auth/sessions.ts';
import { codeStep, passwordStep } from '../auth/sign-in-flow.ts';
import { database } from '../db/client.ts';
import { fail, ok, readJson } from './envelope.ts';
import { validationFailed } from './validation.ts';

type User = Extract<AccountResult, { ok: true }>['user'];

function publicUser(user: User) {
	return { id: user.id, email: user.email, name: user.name, role: user.role };
}

// The tokens of spec §5.3 beside the user; `no-store` keeps them out of caches (RFC 6749 §5.1).
function tokenResponse(user: User, pair: TokenPair, status: number) {
	const response = ok(
		{
			user: publicUser(user),
			access_token: pair.accessToken,
			refresh_token: pair.refreshToken,
			token_type: 'Bearer',
			expires_in: ACCESS_TOKEN_SECONDS
		},
		status
	);
	response.headers.set('cache-control', 'no-store');
	return response;
}

// Browsers use the session cookie, REST clients the bearer tokens: a sign-in gives both.
async function accountResponse(result: AccountResult, cookies: Cookies, status: number) {
	if (!result.ok) {
		const code =
			result.code === 'INVALID_CREDENTIALS' ? 401 : result.code === 'EMAIL_TAKEN' ? 409 : 400;
		return fail(code, result.code, result.message, result.fields);
	}
	await startSession(cookies, result.user.id);
	const pair = await issueTokenPair(database().db, result.user.id);
	return tokenResponse(result.user, pair, status);
}

export async function apiRegister(request: Request, cookies: Cookies) {
	const body = await readJson(request);
	if (body === null) return fail(400, 'VALIDATION_ERROR', 'The request body must be JSON');
	return accountResponse(await register(database().db, body), cookies, 201);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** 429 with Retry-After, in the envelope. */
function tooMany(message: string, retryAfterSeconds: number, fields: Record<string, string[]>) {
	const response = fail(429, 'RATE_LIMITED', message, {
		...fields,
		retry_after_seconds: retryAfterSeconds
	});
	response.headers.set('retry-after', String(retryAfterSeconds));
	return response;
}

const totpCode = z.object({
	totp_code: z
		.string({ error: 'Give totp_code as a string' })
		.max(64, 'That is not a code')
		.optional()
});

/**
 * POST /api/v1/auth/login/ — email and password, and `totp_code` (a code from the authenticator
 * app, or a recovery code) for an account with two-step sign-in: without it the answer is 401
 * TOTP_REQUIRED, and nothing is issued until it is right.
 */
export async function apiLogin(request: Request, cookies: Cookies, ip: string) {
	const body = await readJson(request);
	if (body === null) return fail(400, 'VALIDATION_ERROR', 'The request body must be JSON');
	const extra = totpCode.safeParse(isRecord(body) ? body : {});
	if (!extra.success) return validationFailed(extra.error);
	const { db } = database();
	const step = await passwordStep(db, body, ip);
	if (!step.ok) {
		if (step.code === 'RATE_LIMITED')
			return tooMany(step.message, step.retryAfterSeconds, step.fields);
		return accountResponse(step, cookies, 200);
	}
	if (step.next === 'enrol') {
		return fail(
			403,
			'TOTP_ENROLMENT_REQUIRED',
			'This account must set up two-step sign-in first: sign in on the website to do it'
		);
	}
	if (step.next === 'code') {
		const code = extra.data.totp_code;
		if (!code) {
			const message = 'This account uses two-step sign-in: send the code from the app as totp_code';
			return fail(401, 'TOTP_REQUIRED', message, { totp_code: [message] });
		}
		const second = await codeStep(db, step.user, code, ip);
		if (!second.ok) {
			if (second.code === 'RATE_LIMITED')
				return tooMany(second.message, second.retryAfterSeconds, { totp_code: [second.message] });
			return fail(401, second.code, second.message, { totp_code: [second.message] });
		}
	}
	return accountResponse({ ok: true, user: step.user }, cookies, 200);
}

const refreshToken = z
	.string({ error: 'Give the refresh token' })
	.min(1, 'Give the refresh token')
	.max(256, 'That is not a refresh token');
const refreshBody = z.object({ refresh_token: refreshToken });

/** POST /api/v1/auth/refresh/ — a new pair for a refresh token, which is then used up. */
export async function apiRefresh(request: Request) {
	const body = await readJson(request);
	if (body === null) return fail(400, 'VALIDATION_ERROR', 'The request body must be JSON');
	const parsed = refreshBody.safeParse(body);
	if (!parsed.success) return validationFailed(parsed.error);
	const result = await rotateRefreshToken(database().db, parsed.data.refresh_token);
	if (!result.ok) {
		return fail(401, 'INVALID_TOKEN', 'The refresh token is not valid: sign in again');
	}
	return tokenResponse(result.user, result.pair, 200);
}

/**
 * Ends the cookie session, and the token family of an `Authorization: Bearer` token or of a
 * `refresh_token` in the body (for a client whose access token has run out).
 */
export async function apiLogout(request: Request, cookies: Cookies, session: Session | null) {
	const { db } = database();
	const bearer = bearerToken(request);
	if (bearer) await revokeTokenFamily(db, bearer);
	const body = refreshBody.safeParse(await readJson(request));
	if (body.success) await revokeTokenFamily(db, body.data.refresh_token);
	await endSession(cookies, session?.id);
	return ok({ signed_out: true });
}
