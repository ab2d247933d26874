import {
	confirmPasswordReset,
	requestPasswordReset,
	RESET_REQUESTED_MESSAGE
} from '../auth/password-reset.ts';
import { database } from '../db/client.ts';
import { tooManyResponse } from '../security/public-limits.ts';
import { fail, ok, readJson } from './envelope.ts';

/** POST /api/v1/auth/password-reset/ — the same answer whether or not the email has an account. */
export async function apiRequestPasswordReset(request: Request, ip: string) {
	const body = await readJson(request);
	if (body === null) return fail(400, 'VALIDATION_ERROR', 'The request body must be JSON');
	const result = await requestPasswordReset(database().db, body, ip);
	if (result.ok) return ok({ message: RESET_REQUESTED_MESSAGE }, 202);
	if (result.code === 'RATE_LIMITED') return tooManyResponse(result.retryAfterSeconds ?? 60);
	return fail(400, result.code, result.message, result.fields);
}

/** POST /api/v1/auth/password-reset/confirm/ — token and new password; ends every session. */
export async function apiConfirmPasswordReset(request: Request, ip: string) {
	const body = await readJson(request);
	if (body === null) return fail(400, 'VALIDATION_ERROR', 'The request body must be JSON');
	const result = await confirmPasswordReset(database().db, body, ip);
	if (result.ok) return ok({ password_changed: true });
	if (result.code === 'RATE_LIMITED') return tooManyResponse(result.retryAfterSeconds ?? 60);
	return fail(400, result.code, result.message, result.fields);
}
