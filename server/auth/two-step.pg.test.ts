import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { register } from './accounts.ts';
import { codeStep, passwordStep } from './sign-in-flow.ts';
import { codeForStep, secretBytes, stepAt, totpCode } from './totp-code.ts';
import {
	checkSecondFactor,
	confirmEnrolment,
	enrolmentSecret,
	enrolWithSecret,
	recoveryCodesLeft,
	totpState,
	turnOffTotp
} from './totp.ts';

// Two-step sign-in against a real Postgres: enrolment, each code used once, recovery codes, and
// the sign-in steps with their rate limit. Every call gets its own `now`.

let pg: TestDatabase;
const PASSWORD = 'correct horse battery';
const T0 = new Date('2026-03-01T12:00:10.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

beforeAll(async () => {
	pg = await startTestDatabase();
});
afterAll(() => pg?.stop());
afterEach(() => {
	delete process.env.TOTP_ENCRYPTION_KEY;
	delete process.env.RATE_LIMIT_LOGIN_ACCOUNT;
});

let seq = 0;
async function newUser(role: 'admin' | 'manager' | 'customer' = 'manager') {
	seq += 1;
	const email = `two-step-${seq}@example.com`;
	const result = await register(pg.db, { name: `User ${seq}`, email, password: PASSWORD });
	if (!result.ok) throw new Error(result.message);
	await pg.sql`UPDATE users SET role = ${role} WHERE id = ${result.user.id}`;
	return { ...result.user, role };
}

async function enrolled(now = T0) {
	const user = await newUser();
	const secret = (await enrolmentSecret(pg.db, user.id))!;
	const confirmed = await confirmEnrolment(pg.db, user.id, totpCode(secret, now.getTime()), now);
	if (!confirmed.ok) throw new Error(confirmed.message);
	return { user, secret, recoveryCodes: confirmed.recoveryCodes };
}

describe('enrolment', () => {
	it('shows the same secret until confirmed, then turns TOTP on with ten recovery codes', async () => {
		const user = await newUser();
		expect(await totpState(pg.db, user.id)).toBe('off');
		const secret = (await enrolmentSecret(pg.db, user.id))!;
		expect(secretBytes(secret)).toHaveLength(20);
		expect(await enrolmentSecret(pg.db, user.id)).toBe(secret);
		expect(await totpState(pg.db, user.id)).toBe('enrolling');

		const wrong = await confirmEnrolment(pg.db, user.id, '000000', T0);
		expect(wrong).toMatchObject({ ok: false, code: 'INVALID_CODE' });
		expect(await totpState(pg.db, user.id)).toBe('enrolling');

		const result = await confirmEnrolment(pg.db, user.id, totpCode(secret, T0.getTime()), T0);
		if (!result.ok) throw new Error(result.message);
		expect(result.recoveryCodes).toHaveLength(10);
		expect(new Set(result.recoveryCodes).size).toBe(10);
		for (const code of result.recoveryCodes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
		expect(await totpState(pg.db, user.id)).toBe('on');
		expect(await enrolmentSecret(pg.db, user.id)).toBeNull();
		expect(await recoveryCodesLeft(pg.db, user.id)).toBe(10);
		// Only hashes are stored.
		const stored = await pg.sql<{ code_hash: string }[]>`
			SELECT code_hash FROM totp_recovery_codes WHERE user_id = ${user.id}`;
		for (const code of result.recoveryCodes) {
			expect(stored.some((r) => r.code_hash.includes(code.replace('-', '')))).toBe(false);
		}
	});

	it('keeps the secret unsealed without a key, and AES-GCM sealed with TOTP_ENCRYPTION_KEY', async () => {
		const plain = await newUser();
		const s1 = (await enrolmentSecret(pg.db, plain.id))!;
		const [row1] = await pg.sql<
			{ secret: string }[]
		>`SELECT secret FROM user_totp WHERE user_id = ${plain.id}`;
		expect(row1.secret).toBe(`plain.${s1}`);

		process.env.TOTP_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
		const sealed = await newUser();
		const s2 = (await enrolmentSecret(pg.db, sealed.id))!;
		const [row2] = await pg.sql<
			{ secret: string }[]
		>`SELECT secret FROM user_totp WHERE user_id = ${sealed.id}`;
		expect(row2.secret).toMatch(/^v2\.[A-Za-z0-9_-]{11}\./);
		expect(row2.secret).not.toContain(s2);
		// Both still work: the old unsealed one and the sealed one.
		expect((await confirmEnrolment(pg.db, sealed.id, totpCode(s2, T0.getTime()), T0)).ok).toBe(
			true
		);
		expect((await confirmEnrolment(pg.db, plain.id, totpCode(s1, T0.getTime()), T0)).ok).toBe(true);
	});
});

describe('checkSecondFactor', () => {
	it('accepts a code once (a replay is "used"), and each of the three steps around now once', async () => {
		const { user, secret } = await enrolled(T0);
		const later = at(5 * 60_000);
		const step = stepAt(later.getTime());
		const code = (s: number) => codeForStep(secretBytes(secret), s);
		expect(await checkSecondFactor(pg.db, user.id, code(step), later)).toEqual({
			ok: true,
			via: 'totp'
		});
		expect(await checkSecondFactor(pg.db, user.id, code(step), later)).toEqual({
			ok: false,
			reason: 'used'
		});
		expect((await checkSecondFactor(pg.db, user.id, code(step - 1), later)).ok).toBe(true);
		expect((await checkSecondFactor(pg.db, user.id, code(step + 1), later)).ok).toBe(true);
		expect(await checkSecondFactor(pg.db, user.id, code(step + 2), later)).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(await checkSecondFactor(pg.db, user.id, '123456', later)).toMatchObject({ ok: false });
	});

	it('refuses the code used to enrol a second time', async () => {
		const { user, secret } = await enrolled(T0);
		expect(await checkSecondFactor(pg.db, user.id, totpCode(secret, T0.getTime()), T0)).toEqual({
			ok: false,
			reason: 'used'
		});
	});

	it('takes each recovery code once, with or without the dash and in any case', async () => {
		const { user, recoveryCodes } = await enrolled(T0);
		const [first, second] = recoveryCodes;
		expect(await checkSecondFactor(pg.db, user.id, first, T0)).toEqual({
			ok: true,
			via: 'recovery'
		});
		expect(await checkSecondFactor(pg.db, user.id, first, T0)).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(
			await checkSecondFactor(pg.db, user.id, second.replace('-', ' ').toUpperCase(), T0)
		).toEqual({
			ok: true,
			via: 'recovery'
		});
		expect(await recoveryCodesLeft(pg.db, user.id)).toBe(8);
		// Another user's code is no good here.
		const other = await enrolled(T0);
		expect((await checkSecondFactor(pg.db, user.id, other.recoveryCodes[0], T0)).ok).toBe(false);
	});

	it('refuses every code once TOTP is turned off, and for a user who never enrolled', async () => {
		const { user, secret, recoveryCodes } = await enrolled(T0);
		await turnOffTotp(pg.db, user.id);
		const later = at(60_000);
		expect(
			(await checkSecondFactor(pg.db, user.id, totpCode(secret, later.getTime()), later)).ok
		).toBe(false);
		expect((await checkSecondFactor(pg.db, user.id, recoveryCodes[0], later)).ok).toBe(false);
		expect(await totpState(pg.db, user.id)).toBe('off');
	});
});

describe('sign-in steps', () => {
	it('asks for a code with TOTP on, for enrolment for an admin without it, and none otherwise', async () => {
		const { user } = await enrolled(T0);
		const withTotp = await passwordStep(
			pg.db,
			{ email: user.email, password: PASSWORD },
			'10.0.0.1',
			T0
		);
		expect(withTotp).toMatchObject({ ok: true, next: 'code' });
		const admin = await newUser('admin');
		const adminStep = await passwordStep(
			pg.db,
			{ email: admin.email, password: PASSWORD },
			'10.0.0.1',
			T0
		);
		expect(adminStep).toMatchObject({ ok: true, next: 'enrol' });
		const customer = await newUser('customer');
		const plain = await passwordStep(
			pg.db,
			{ email: customer.email, password: PASSWORD },
			'10.0.0.1',
			T0
		);
		expect(plain).toMatchObject({ ok: true, next: 'session' });
		// An admin enrolled (as the demo seed does) is asked for a code like anyone else.
		await enrolWithSecret(pg.db, admin.id, 'JBSWY3DPEHPK3PXP', T0);
		expect(
			await passwordStep(pg.db, { email: admin.email, password: PASSWORD }, '10.0.0.1', T0)
		).toMatchObject({
			next: 'code'
		});
	});

	it('refuses codes after too many failures, counting wrong codes and passwords, and lifts when the window ends', async () => {
		process.env.RATE_LIMIT_LOGIN_ACCOUNT = '3/600';
		const { user, secret } = await enrolled(T0);
		const ip = '10.0.0.2';
		expect((await codeStep(pg.db, user, '000000', ip, at(1000))).ok).toBe(false);
		expect(
			(await passwordStep(pg.db, { email: user.email, password: 'wrong password' }, ip, at(2000)))
				.ok
		).toBe(false);
		expect(await codeStep(pg.db, user, '111111', ip, at(3000))).toMatchObject({
			code: 'INVALID_CODE'
		});
		// The fourth attempt is refused even with the right code.
		const now = at(4000);
		const refused = await codeStep(pg.db, user, totpCode(secret, now.getTime()), ip, now);
		expect(refused).toMatchObject({
			ok: false,
			code: 'RATE_LIMITED',
			message: 'Too many attempts: try again in 10 minutes',
			retryAfterSeconds: 597
		});
		const password = await passwordStep(pg.db, { email: user.email, password: PASSWORD }, ip, now);
		expect(password).toMatchObject({ code: 'RATE_LIMITED' });
		// 10 minutes after the first failure the window is over.
		const after = at(601_000);
		expect(await codeStep(pg.db, user, totpCode(secret, after.getTime()), ip, after)).toEqual({
			ok: true,
			via: 'totp'
		});
	});

	it('does not count a replayed code as a guess', async () => {
		process.env.RATE_LIMIT_LOGIN_ACCOUNT = '1/600';
		const { user, secret } = await enrolled(T0);
		const now = at(120_000);
		const code = totpCode(secret, now.getTime());
		expect((await codeStep(pg.db, user, code, '10.0.0.3', now)).ok).toBe(true);
		for (let i = 0; i < 3; i++) {
			expect(await codeStep(pg.db, user, code, '10.0.0.3', now)).toMatchObject({
				code: 'CODE_USED'
			});
		}
	});
});
