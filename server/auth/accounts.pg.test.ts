import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { register, signIn, type AccountResult } from './accounts.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.ts';

// register() and signIn() against a real, migrated Postgres; password.ts on its own.

let pg: TestDatabase;

const PASSWORD = 'correct horse battery';
const INVALID_CREDENTIALS = 'That email and password do not match an account';

beforeAll(async () => {
	pg = await startTestDatabase();
});

afterAll(() => pg?.stop());

async function count(table: 'users' | 'user_passwords' | 'profiles') {
	const [{ n }] = await pg.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ${pg.sql(table)}`;
	return n;
}

async function counts() {
	return {
		users: await count('users'),
		passwords: await count('user_passwords'),
		profiles: await count('profiles')
	};
}

function failure(result: AccountResult) {
	if (result.ok) throw new Error(`expected a failure, got user ${result.user.email}`);
	return result;
}

function success(result: AccountResult) {
	if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.message}`);
	return result.user;
}

describe('password.ts', () => {
	it('hashes with argon2id at the OWASP minimum and a fresh salt each time', async () => {
		const a = await hashPassword(PASSWORD);
		const b = await hashPassword(PASSWORD);
		expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(a).not.toContain(PASSWORD);
		expect(a).not.toBe(b);
	});

	it('verifies the right password only, and treats a malformed hash as a mismatch', async () => {
		const hash = await hashPassword(PASSWORD);
		expect(await verifyPassword(hash, PASSWORD)).toBe(true);
		expect(await verifyPassword(hash, `${PASSWORD}!`)).toBe(false);
		expect(await verifyPassword(hash, '')).toBe(false);
		expect(await verifyPassword('not-a-hash', PASSWORD)).toBe(false);
	});

	it('asks for at least 10 characters', () => {
		expect(MIN_PASSWORD_LENGTH).toBe(10);
	});
});

describe('register', () => {
	it('creates a customer with a lower-cased, trimmed email, an argon2id hash and a profile', async () => {
		const before = await counts();
		const user = success(
			await register(pg.db, {
				name: '  Ada Lovelace ',
				email: '  Ada.Lovelace@Example.CO.UK ',
				password: PASSWORD
			})
		);

		expect(user).toMatchObject({
			name: 'Ada Lovelace',
			email: 'ada.lovelace@example.co.uk',
			username: 'ada.lovelace@example.co.uk',
			role: 'customer',
			isActive: true,
			isStaff: false,
			isSuperuser: false
		});

		const [stored] = await pg.sql<{ email: string; role: string }[]>`
			SELECT email, role FROM users WHERE id = ${user.id}`;
		expect(stored).toEqual({ email: 'ada.lovelace@example.co.uk', role: 'customer' });

		const hashes = await pg.sql<{ hash: string }[]>`
			SELECT hash FROM user_passwords WHERE user_id = ${user.id}`;
		expect(hashes).toHaveLength(1);
		expect(hashes[0].hash).toMatch(/^\$argon2id\$/);
		expect(hashes[0].hash).not.toBe(PASSWORD);
		expect(hashes[0].hash).not.toContain(PASSWORD);
		expect(await verifyPassword(hashes[0].hash, PASSWORD)).toBe(true);

		const profiles = await pg.sql`SELECT 1 FROM profiles WHERE user_id = ${user.id}`;
		expect(profiles).toHaveLength(1);

		expect(await counts()).toEqual({
			users: before.users + 1,
			passwords: before.passwords + 1,
			profiles: before.profiles + 1
		});
	});

	it('accepts a password of exactly 10 characters', async () => {
		const user = success(
			await register(pg.db, { name: 'Ten', email: 'ten@example.com', password: '0123456789' })
		);
		expect(user.email).toBe('ten@example.com');
	});

	const invalidInputs: [string, unknown, string, string][] = [
		[
			'a missing name',
			{ email: 'no-name@example.com', password: PASSWORD },
			'name',
			'Enter your name'
		],
		[
			'a blank name',
			{ name: '   ', email: 'blank-name@example.com', password: PASSWORD },
			'name',
			'Enter your name'
		],
		[
			'a malformed email',
			{ name: 'Bad Email', email: 'not-an-email', password: PASSWORD },
			'email',
			'Enter a valid email address, like name@example.co.uk'
		],
		[
			'a missing email',
			{ name: 'No Email', password: PASSWORD },
			'email',
			'Enter your email address'
		],
		[
			'a 9-character password',
			{ name: 'Short', email: 'short@example.com', password: '123456789' },
			'password',
			'Use at least 10 characters'
		],
		[
			'a missing password',
			{ name: 'No Password', email: 'no-password@example.com' },
			'password',
			'Choose a password'
		]
	];

	for (const [what, input, field, message] of invalidInputs) {
		it(`refuses ${what} with VALIDATION_ERROR under fields.${field} and writes nothing`, async () => {
			const before = await counts();
			const result = failure(await register(pg.db, input));
			expect(result.code).toBe('VALIDATION_ERROR');
			expect(result.message).toBe('Please correct the highlighted fields');
			expect(result.fields[field]).toContain(message);
			expect(await counts()).toEqual(before);
		});
	}

	it('reports every bad field at once', async () => {
		const result = failure(await register(pg.db, { name: '', email: 'x', password: 'short' }));
		expect(result.code).toBe('VALIDATION_ERROR');
		expect(Object.keys(result.fields).sort()).toEqual(['email', 'name', 'password']);
	});

	const nonObjects: [string, unknown][] = [
		['null', null],
		['undefined', undefined],
		['a string', 'ada@example.com'],
		['a number', 42],
		['an array', ['Ada', 'ada@example.com', PASSWORD]]
	];

	it('refuses input that is not an object with VALIDATION_ERROR and writes nothing', async () => {
		const before = await counts();
		for (const [what, input] of nonObjects) {
			const result = failure(await register(pg.db, input));
			expect(result.code, what).toBe('VALIDATION_ERROR');
			expect(Object.values(result.fields).flat().length, what).toBeGreaterThan(0);
		}
		expect(await counts()).toEqual(before);
	});

	// The input as a whole is wrong, not one field, so there is no field to put the message under;
	// it must not land under the key 'undefined' (String(issue.path[0]) of an issue whose path is
	// empty), which no form or API client reads.
	it('does not file a whole-input error under the key "undefined"', async () => {
		for (const [what, input] of nonObjects) {
			const registered = failure(await register(pg.db, input));
			expect(Object.keys(registered.fields), `register(${what})`).not.toContain('undefined');
			const signedIn = failure(await signIn(pg.db, input));
			expect(Object.keys(signedIn.fields), `signIn(${what})`).not.toContain('undefined');
		}
	});

	it('refuses a taken email with EMAIL_TAKEN, also when it differs only in case', async () => {
		const first = success(
			await register(pg.db, { name: 'Grace', email: 'grace@example.com', password: PASSWORD })
		);
		const [{ hash: originalHash }] = await pg.sql<{ hash: string }[]>`
			SELECT hash FROM user_passwords WHERE user_id = ${first.id}`;

		for (const email of ['grace@example.com', 'GRACE@Example.com', '  Grace@EXAMPLE.COM  ']) {
			const before = await counts();
			const result = failure(
				await register(pg.db, { name: 'Impostor', email, password: 'another password' })
			);
			expect(result.code).toBe('EMAIL_TAKEN');
			expect(result.fields.email).toEqual([result.message]);
			expect(result.message).toMatch(/already exists/);
			expect(await counts()).toEqual(before);
		}

		// The original account is untouched: same name, same password.
		const [stored] = await pg.sql<{ name: string; hash: string }[]>`
			SELECT u.name, p.hash FROM users u JOIN user_passwords p ON p.user_id = u.id
			WHERE u.email = 'grace@example.com'`;
		expect(stored).toEqual({ name: 'Grace', hash: originalHash });
		success(await signIn(pg.db, { email: 'grace@example.com', password: PASSWORD }));
	});

	it('lets only one of two simultaneous registrations of the same email through', async () => {
		const before = await counts();
		const results = await Promise.all(
			['race@example.com', 'Race@Example.com'].map((email) =>
				register(pg.db, { name: 'Racer', email, password: PASSWORD })
			)
		);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(['EMAIL_TAKEN']);
		expect(await counts()).toEqual({
			users: before.users + 1,
			passwords: before.passwords + 1,
			profiles: before.profiles + 1
		});
	});

	it('keeps the password exactly as typed (no trimming)', async () => {
		const spaced = '  spaced password  ';
		success(await register(pg.db, { name: 'Space', email: 'space@example.com', password: spaced }));
		success(await signIn(pg.db, { email: 'space@example.com', password: spaced }));
		const trimmed = failure(
			await signIn(pg.db, { email: 'space@example.com', password: spaced.trim() })
		);
		expect(trimmed.code).toBe('INVALID_CREDENTIALS');
	});
});

describe('signIn', () => {
	let userId: string;

	beforeAll(async () => {
		userId = success(
			await register(pg.db, { name: 'Sam', email: 'sam@example.com', password: PASSWORD })
		).id;
	});

	it('signs in with the right password and returns the user', async () => {
		const user = success(await signIn(pg.db, { email: 'sam@example.com', password: PASSWORD }));
		expect(user).toMatchObject({ id: userId, email: 'sam@example.com', name: 'Sam' });
		expect(user.role).toBe('customer');
	});

	it('matches the email regardless of case and surrounding spaces', async () => {
		const user = success(await signIn(pg.db, { email: '  SAM@Example.com ', password: PASSWORD }));
		expect(user.id).toBe(userId);
	});

	it('gives the same INVALID_CREDENTIALS answer for a wrong password and an unknown email', async () => {
		const wrongPassword = failure(
			await signIn(pg.db, { email: 'sam@example.com', password: `${PASSWORD}x` })
		);
		const unknownEmail = failure(
			await signIn(pg.db, { email: 'nobody@example.com', password: PASSWORD })
		);
		expect(wrongPassword.code).toBe('INVALID_CREDENTIALS');
		expect(wrongPassword.message).toBe(INVALID_CREDENTIALS);
		expect(unknownEmail).toEqual(wrongPassword);
	});

	it('does not accept the stored hash as the password', async () => {
		const [{ hash }] = await pg.sql<{ hash: string }[]>`
			SELECT hash FROM user_passwords WHERE user_id = ${userId}`;
		const result = failure(await signIn(pg.db, { email: 'sam@example.com', password: hash }));
		expect(result.code).toBe('INVALID_CREDENTIALS');
	});

	it('refuses an inactive user, even with the right password, with the same answer', async () => {
		const id = success(
			await register(pg.db, { name: 'Gone', email: 'gone@example.com', password: PASSWORD })
		).id;
		await pg.sql`UPDATE users SET is_active = false WHERE id = ${id}`;
		const result = failure(await signIn(pg.db, { email: 'gone@example.com', password: PASSWORD }));
		expect(result).toEqual({
			ok: false,
			code: 'INVALID_CREDENTIALS',
			message: INVALID_CREDENTIALS,
			fields: { password: [INVALID_CREDENTIALS] }
		});
	});

	it('refuses malformed input with VALIDATION_ERROR under the field', async () => {
		const noPassword = failure(await signIn(pg.db, { email: 'sam@example.com', password: '' }));
		expect(noPassword.code).toBe('VALIDATION_ERROR');
		expect(noPassword.fields.password).toContain('Enter your password');

		const badEmail = failure(await signIn(pg.db, { email: 'sam', password: PASSWORD }));
		expect(badEmail.code).toBe('VALIDATION_ERROR');
		expect(badEmail.fields.email).toBeDefined();

		const notAnObject = failure(await signIn(pg.db, null));
		expect(notAnObject.code).toBe('VALIDATION_ERROR');
	});
});
