import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { closeDatabase } from '../db/client.ts';
import { register, signIn } from './accounts.ts';
import { issueTokenPair, validateAccessToken } from './api-tokens.ts';
import {
	confirmPasswordReset,
	requestPasswordReset,
	RESET_TOKEN_MINUTES
} from './password-reset.ts';
import { createSession, validateSessionToken } from './sessions.ts';

// Password reset against a real Postgres, with the local outbox as the mail driver (no keys set):
// the link is read from the message there, as an admin would see it.

let pg: TestDatabase;
const OLD = 'the old password';
const NEW = 'a brand new password';
const T0 = new Date('2026-03-01T12:00:00.000Z');
const at = (minutes: number, ms = 0) => new Date(T0.getTime() + minutes * 60_000 + ms);

beforeAll(async () => {
	pg = await startTestDatabase();
	process.env.DATABASE_URL = pg.url;
	process.env.PUBLIC_URL = 'https://book.example.co.uk';
	delete process.env.SENDGRID_API_KEY;
});
afterAll(async () => {
	delete process.env.PUBLIC_URL;
	await closeDatabase();
	await pg?.stop();
});

let seq = 0;
async function newUser() {
	seq += 1;
	const email = `reset-${seq}@example.com`;
	const result = await register(pg.db, { name: `Reset ${seq}`, email, password: OLD });
	if (!result.ok) throw new Error(result.message);
	return result.user;
}

async function linkSentTo(email: string) {
	const rows = await pg.sql<{ text: string; subject: string }[]>`
		SELECT text, subject FROM outbox_messages WHERE to_address = ${email} ORDER BY created_at DESC, id DESC`;
	const token = /\/reset-password\?token=([a-z2-7]+)/.exec(rows[0]?.text ?? '')?.[1];
	return { count: rows.length, token, message: rows[0] };
}

describe('requesting a reset', () => {
	it('emails a link through the outbox and stores only the hash of its token', async () => {
		const user = await newUser();
		expect(
			await requestPasswordReset(pg.db, { email: ` ${user.email.toUpperCase()} ` }, '10.3.0.1', T0)
		).toEqual({ ok: true });
		const sent = await linkSentTo(user.email);
		expect(sent.count).toBe(1);
		expect(sent.message.subject).toBe('Choose a new VALClean password');
		expect(sent.message.text).toContain(
			`https://book.example.co.uk/reset-password?token=${sent.token}`
		);
		const stored = await pg.sql<{ id: string; expires_at: string }[]>`
			SELECT id, expires_at FROM password_reset_tokens WHERE user_id = ${user.id}`;
		expect(stored).toHaveLength(1);
		expect(stored[0].id).not.toContain(sent.token!);
		expect(stored[0].id).toMatch(/^[0-9a-f]{64}$/);
		expect(new Date(stored[0].expires_at).getTime()).toBe(at(RESET_TOKEN_MINUTES).getTime());
	});

	it('answers an unknown email exactly like a known one, in similar time, and sends nothing', async () => {
		const user = await newUser();
		const timed = async (email: string) => {
			const started = performance.now();
			const result = await requestPasswordReset(pg.db, { email }, '10.3.0.2', T0);
			return { result, ms: performance.now() - started };
		};
		const known = await timed(user.email);
		const unknown = await timed('nobody.here@example.com');
		expect(unknown.result).toEqual(known.result);
		expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(150);
		expect(unknown.ms).toBeGreaterThanOrEqual(390);
		expect((await linkSentTo('nobody.here@example.com')).count).toBe(0);
		const [{ n }] = await pg.sql<
			{ n: number }[]
		>`SELECT count(*)::int AS n FROM password_reset_tokens`;
		expect(n).toBeGreaterThan(0);
	});

	it('names a bad email, and limits requests per address with the same answer for any email', async () => {
		const bad = await requestPasswordReset(pg.db, { email: 'not-an-email' }, '10.3.0.3', T0);
		expect(bad).toMatchObject({
			ok: false,
			code: 'VALIDATION_ERROR',
			fields: { email: [expect.any(String)] }
		});
		const user = await newUser();
		for (let i = 0; i < 3; i++) {
			expect((await requestPasswordReset(pg.db, { email: user.email }, `10.3.1.${i}`, T0)).ok).toBe(
				true
			);
		}
		const fourth = await requestPasswordReset(pg.db, { email: user.email }, '10.3.1.9', at(1));
		expect(fourth).toMatchObject({
			ok: false,
			code: 'RATE_LIMITED',
			message: 'Too many attempts: try again in 59 minutes'
		});
		const unknownFourth = async () => {
			for (let i = 0; i < 3; i++)
				await requestPasswordReset(pg.db, { email: 'ghost@example.com' }, `10.3.2.${i}`, T0);
			return requestPasswordReset(pg.db, { email: 'ghost@example.com' }, '10.3.2.9', at(1));
		};
		expect(await unknownFourth()).toEqual(fourth);
		expect((await linkSentTo(user.email)).count).toBe(3);
	});
});

describe('confirming a reset', () => {
	it('sets the new password once, ends every session and API token, and the link then fails', async () => {
		const user = await newUser();
		const session = await createSession(pg.db, user.id, 30, T0);
		const tokens = await issueTokenPair(pg.db, user.id, T0);
		await requestPasswordReset(pg.db, { email: user.email }, '10.4.0.1', T0);
		const { token } = await linkSentTo(user.email);

		expect(await confirmPasswordReset(pg.db, { token, password: NEW }, '10.4.0.1', at(59))).toEqual(
			{
				ok: true,
				userId: user.id
			}
		);
		expect((await signIn(pg.db, { email: user.email, password: NEW })).ok).toBe(true);
		expect((await signIn(pg.db, { email: user.email, password: OLD })).ok).toBe(false);
		expect(await validateSessionToken(pg.db, session.token, 30, at(60))).toBeNull();
		expect(await validateAccessToken(pg.db, tokens.accessToken, at(60))).toBeNull();

		const again = await confirmPasswordReset(
			pg.db,
			{ token, password: 'yet another password' },
			'10.4.0.1',
			at(60)
		);
		expect(again).toMatchObject({ ok: false, code: 'INVALID_TOKEN' });
		expect((await signIn(pg.db, { email: user.email, password: NEW })).ok).toBe(true);
	});

	it('refuses a link after its hour, an unknown token, and a short password, changing nothing', async () => {
		const user = await newUser();
		await requestPasswordReset(pg.db, { email: user.email }, '10.4.0.2', T0);
		const { token } = await linkSentTo(user.email);
		const short = await confirmPasswordReset(
			pg.db,
			{ token, password: 'short' },
			'10.4.0.2',
			at(1)
		);
		expect(short).toMatchObject({
			ok: false,
			code: 'VALIDATION_ERROR',
			fields: { password: ['Use at least 10 characters'] }
		});
		const late = await confirmPasswordReset(pg.db, { token, password: NEW }, '10.4.0.2', at(60));
		expect(late).toMatchObject({
			ok: false,
			code: 'INVALID_TOKEN',
			message: 'This link has expired or has been used already: ask for a new one'
		});
		const unknown = await confirmPasswordReset(
			pg.db,
			{ token: 'a'.repeat(32), password: NEW },
			'10.4.0.2',
			at(1)
		);
		expect(unknown).toEqual(late);
		expect((await signIn(pg.db, { email: user.email, password: OLD })).ok).toBe(true);
	});

	it('voids older links of the account when one is used', async () => {
		const user = await newUser();
		await requestPasswordReset(pg.db, { email: user.email }, '10.4.0.3', T0);
		const older = (await linkSentTo(user.email)).token;
		await requestPasswordReset(pg.db, { email: user.email }, '10.4.0.3', at(1));
		const newer = (await linkSentTo(user.email)).token;
		expect(newer).not.toBe(older);
		expect(
			(await confirmPasswordReset(pg.db, { token: newer, password: NEW }, '10.4.0.3', at(2))).ok
		).toBe(true);
		expect(
			(
				await confirmPasswordReset(
					pg.db,
					{ token: older, password: 'sneaky password' },
					'10.4.0.3',
					at(3)
				)
			).ok
		).toBe(false);
	});
});
