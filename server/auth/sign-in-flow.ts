import type { users } from '../../drizzle/schema.ts';
import type { Db } from '../db/client.ts';
import { limitOf } from '../security/limits.ts';
import { clear, hit, peek, tooManyMessage, worst } from '../security/rate-limit.ts';
import { signIn, signInInput, type AccountResult } from './accounts.ts';
import { checkSecondFactor, totpState } from './totp.ts';

// Sign-in in one or two steps, for the form and the REST API alike.
// 1. Email and password. Refused before any work when the account or the address has had too
//    many failures lately; each failure counts against both.
// 2. When the account has TOTP on, a code from the app or a recovery code — failures count the
//    same way. An admin without TOTP must enrol before any session exists.
// A full success clears the account's failures (not the address's: one address may be many people).

type User = typeof users.$inferSelect;

export type RateLimited = {
	ok: false;
	code: 'RATE_LIMITED';
	message: string;
	retryAfterSeconds: number;
	fields: Record<string, string[]>;
};

export type PasswordStep =
	| Extract<AccountResult, { ok: false }>
	| RateLimited
	| { ok: true; user: User; next: 'session' | 'code' | 'enrol' };

export type CodeStep =
	| RateLimited
	| {
			ok: false;
			code: 'INVALID_CODE' | 'CODE_USED';
			message: string;
			fields: Record<string, string[]>;
	  }
	| { ok: true; via: 'totp' | 'recovery' };

function limited(retryAfterSeconds: number, field: string): RateLimited {
	const message = tooManyMessage(retryAfterSeconds);
	return {
		ok: false,
		code: 'RATE_LIMITED',
		message,
		retryAfterSeconds,
		fields: { [field]: [message] }
	};
}

async function refusedNow(db: Db, email: string, ip: string, now: Date) {
	const verdict = worst([
		await peek(db, limitOf('loginAccount'), email, now),
		await peek(db, limitOf('loginIp'), ip, now)
	]);
	return verdict.ok ? null : verdict.retryAfterSeconds;
}

async function countFailure(db: Db, email: string, ip: string, now: Date) {
	await hit(db, limitOf('loginAccount'), email, now);
	await hit(db, limitOf('loginIp'), ip, now);
}

export async function passwordStep(
	db: Db,
	input: unknown,
	ip: string,
	now = new Date()
): Promise<PasswordStep> {
	const parsed = signInInput.safeParse(input);
	if (parsed.success) {
		const wait = await refusedNow(db, parsed.data.email, ip, now);
		if (wait !== null) return limited(wait, 'password');
	}
	const result = await signIn(db, input);
	if (!result.ok) {
		if (result.code === 'INVALID_CREDENTIALS' && parsed.success)
			await countFailure(db, parsed.data.email, ip, now);
		return result;
	}
	const state = await totpState(db, result.user.id);
	if (state === 'on') return { ok: true, user: result.user, next: 'code' };
	if (result.user.role === 'admin') return { ok: true, user: result.user, next: 'enrol' };
	await clear(db, limitOf('loginAccount'), result.user.email);
	return { ok: true, user: result.user, next: 'session' };
}

export async function codeStep(
	db: Db,
	user: User,
	code: string,
	ip: string,
	now = new Date()
): Promise<CodeStep> {
	const wait = await refusedNow(db, user.email, ip, now);
	if (wait !== null) return limited(wait, 'code');
	if (!code.trim()) {
		const message = 'Type the code from your authenticator app, or a recovery code';
		return { ok: false, code: 'INVALID_CODE', message, fields: { code: [message] } };
	}
	const result = await checkSecondFactor(db, user.id, code, now);
	if (result.ok) {
		await clear(db, limitOf('loginAccount'), user.email);
		return result;
	}
	if (result.reason === 'used') {
		const message = 'That code has just been used: wait for the next one your app shows';
		return { ok: false, code: 'CODE_USED', message, fields: { code: [message] } };
	}
	await countFailure(db, user.email, ip, now);
	const message = 'That code is not right: check your app and try again';
	return { ok: false, code: 'INVALID_CODE', message, fields: { code: [message] } };
}
