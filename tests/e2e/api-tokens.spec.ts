import { createHash } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loginWithCode } from '../support/totp.ts';

// Bearer tokens of the REST API (spec §5.3) against the running app and its demo admin.

let sql: postgres.Sql;
beforeAll(() => {
	sql = postgres(inject('databaseUrl'), { max: 1 });
});
afterAll(() => sql?.end());

const ADMIN = { email: 'admin@valclean.test', password: 'valclean-demo' };

const api = (path: string, body: unknown, headers: Record<string, string> = {}) =>
	fetch(`${inject('appUrl')}/api/v1/auth/${path}/`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The office as a REST client sees it: 200 when signed in as an admin, else 303 to sign-in. */
const office = async (headers: Record<string, string> = {}) =>
	(await fetch(`${inject('appUrl')}/office`, { headers, redirect: 'manual' })).status;

type Tokens = { access_token: string; refresh_token: string };

async function login(): Promise<Tokens> {
	const response = await loginWithCode(inject('appUrl'), ADMIN);
	expect(response.status).toBe(200);
	return (await response.json()).data;
}

async function refresh(refreshToken: string) {
	const response = await api('refresh', { refresh_token: refreshToken });
	return { status: response.status, body: await response.json() };
}

describe('REST bearer tokens', () => {
	it('login answers with both tokens beside the user and the session cookie', async () => {
		const response = await loginWithCode(inject('appUrl'), ADMIN);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.getSetCookie().join('\n')).toMatch(/valclean_session=[a-z2-7]+;/);
		const { data } = await response.json();
		expect(data).toMatchObject({
			user: { email: ADMIN.email, role: 'admin' },
			token_type: 'Bearer',
			expires_in: 900
		});
		expect(data.access_token).toMatch(/^[a-z2-7]{32}$/);
		expect(data.refresh_token).toMatch(/^[a-z2-7]{32}$/);
		expect(data.access_token).not.toBe(data.refresh_token);

		// Hashed at rest.
		const hash = createHash('sha256').update(data.access_token).digest('hex');
		expect(await sql`SELECT kind FROM api_tokens WHERE id = ${hash}`).toEqual([{ kind: 'access' }]);
		expect(await sql`SELECT 1 FROM api_tokens WHERE id = ${data.access_token}`).toHaveLength(0);
	});

	it('register answers with tokens too', async () => {
		const email = `token.customer.${Date.now()}@example.com`;
		const response = await api('register', {
			name: 'Ola Ade',
			email,
			password: 'a long passphrase'
		});
		expect(response.status).toBe(201);
		const { data } = await response.json();
		expect(data).toMatchObject({ user: { email, role: 'customer' }, token_type: 'Bearer' });
		expect(data.access_token).toMatch(/^[a-z2-7]{32}$/);
		expect(data.refresh_token).toMatch(/^[a-z2-7]{32}$/);
	});

	it('an access token opens the office for an admin; none, a bad one or a refresh token does not', async () => {
		const tokens = await login();
		expect(await office(bearer(tokens.access_token))).toBe(200);
		expect(await office({ authorization: `bearer ${tokens.access_token}` })).toBe(200);
		expect(await office()).toBe(303);
		expect(await office(bearer('not-a-token'))).toBe(303);
		expect(await office(bearer(tokens.refresh_token))).toBe(303);
		expect(await office({ authorization: tokens.access_token })).toBe(303);
	});

	it('refresh rotates: a new pair works, the old refresh token is refused', async () => {
		const first = await login();
		const { status, body } = await refresh(first.refresh_token);
		expect(status).toBe(200);
		expect(body.data).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
		const second: Tokens = body.data;
		expect(second.access_token).not.toBe(first.access_token);
		expect(second.refresh_token).not.toBe(first.refresh_token);
		expect(await office(bearer(second.access_token))).toBe(200);
		// The pair it replaces is done with.
		expect(await office(bearer(first.access_token))).toBe(303);

		const reused = await refresh(first.refresh_token);
		expect(reused.status).toBe(401);
		expect(reused.body).toMatchObject({ success: false, error: { code: 'INVALID_TOKEN' } });
		// Reuse means a copy is out there: the whole family is revoked.
		expect(await office(bearer(second.access_token))).toBe(303);
		expect((await refresh(second.refresh_token)).status).toBe(401);
	});

	it('refresh names a missing field, and refuses an unknown token', async () => {
		const missing = await api('refresh', {});
		expect(missing.status).toBe(400);
		const { error } = await missing.json();
		expect(error.code).toBe('VALIDATION_ERROR');
		expect(Object.keys(error.details)).toEqual(['refresh_token']);

		expect((await api('refresh', '{"refresh_token":')).status).toBe(400);
		const unknown = await refresh('abcdefghijklmnopqrstuvwxyz234567');
		expect(unknown.status).toBe(401);
		expect(unknown.body.error.code).toBe('INVALID_TOKEN');
	});

	it('logout with the bearer token revokes the access and the refresh token', async () => {
		const tokens = await login();
		expect(await office(bearer(tokens.access_token))).toBe(200);
		const response = await api('logout', {}, bearer(tokens.access_token));
		expect(response.status).toBe(200);
		expect((await response.json()).data).toEqual({ signed_out: true });
		expect(await office(bearer(tokens.access_token))).toBe(303);
		const after = await refresh(tokens.refresh_token);
		expect(after.status).toBe(401);
		expect(after.body.error.code).toBe('INVALID_TOKEN');
	});

	it('logout with only the refresh token in the body revokes its family too', async () => {
		const tokens = await login();
		expect((await api('logout', { refresh_token: tokens.refresh_token })).status).toBe(200);
		expect(await office(bearer(tokens.access_token))).toBe(303);
		expect((await refresh(tokens.refresh_token)).status).toBe(401);
	});
});
