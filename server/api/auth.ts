import type { Cookies } from '@sveltejs/kit';
import { register, signIn, type AccountResult } from '../auth/accounts.ts';
import { endSession, startSession } from '../auth/request.ts';
import type { Session } from '../auth/sessions.ts';
import { database } from '../db/client.ts';
import { fail, ok, readJson } from './envelope.ts';

function publicUser(user: Extract<AccountResult, { ok: true }>['user']) {
	return { id: user.id, email: user.email, name: user.name, role: user.role };
}

async function accountResponse(result: AccountResult, cookies: Cookies, status: number) {
	if (!result.ok) {
		const code =
			result.code === 'INVALID_CREDENTIALS' ? 401 : result.code === 'EMAIL_TAKEN' ? 409 : 400;
		return fail(code, result.code, result.message, result.fields);
	}
	await startSession(cookies, result.user.id);
	return ok({ user: publicUser(result.user) }, status);
}

export async function apiRegister(request: Request, cookies: Cookies) {
	const body = await readJson(request);
	if (body === null) return fail(400, 'VALIDATION_ERROR', 'The request body must be JSON');
	return accountResponse(await register(database().db, body), cookies, 201);
}

export async function apiLogin(request: Request, cookies: Cookies) {
	const body = await readJson(request);
	if (body === null) return fail(400, 'VALIDATION_ERROR', 'The request body must be JSON');
	return accountResponse(await signIn(database().db, body), cookies, 200);
}

export async function apiLogout(cookies: Cookies, session: Session | null) {
	await endSession(cookies, session?.id);
	return ok({ signedOut: true });
}
