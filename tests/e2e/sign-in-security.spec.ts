import { createHash } from 'node:crypto';
import postgres from 'postgres';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { candidateCodes, typeTotpCode } from '../support/totp.ts';
import { launchBrowser } from './browser.ts';

// Hardened sign-in in the real app: a manager turns two-step sign-in on and signs in with a code
// (and a recovery code), the sign-in page shows the rate limit, a forgotten password is reset by
// the emailed link, cross-site requests are refused, and pages carry their security headers.

const app = (path: string) => `${inject('appUrl')}${path}`;
const PASSWORD = 'a long enough password';
let browser: Browser;
let sql: postgres.Sql;

beforeAll(async () => {
	browser = await launchBrowser();
	sql = postgres(inject('databaseUrl'), { max: 1 });
});
afterAll(async () => {
	await browser?.close();
	await sql?.end();
});

/** A new account through the API; a manager of everything when asked. */
async function newAccount(label: string, role: 'customer' | 'manager' = 'customer') {
	const email = `${label}.${Date.now()}@example.com`;
	const response = await fetch(app('/api/v1/auth/register/'), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name: `Test ${label}`, email, password: PASSWORD })
	});
	expect(response.status).toBe(201);
	if (role === 'manager') {
		const [user] = await sql`UPDATE users SET role = 'manager' WHERE email = ${email} RETURNING id`;
		await sql`INSERT INTO managers (user_id, can_manage_all) VALUES (${user.id}, true)`;
	}
	return email;
}

async function fillSignIn(page: Page, email: string, password = PASSWORD) {
	await page.goto(app('/sign-in'));
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('two-step sign-in', () => {
	it('a manager turns it on from the QR code page, then signs in with a code, or a recovery code once', async () => {
		const email = await newAccount('totp.manager', 'manager');
		const page = await (await browser.newContext()).newPage();
		await fillSignIn(page, email);
		await page.waitForURL((url) => url.pathname === '/office');

		await page.goto(app('/security'));
		const qr = page.getByRole('img', { name: /QR code/ });
		expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
		const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s+/g, '');
		expect(secret).toMatch(/^[A-Z2-7]{32}$/);
		// A wrong code first: refused beside the field, nothing turned on.
		await page.getByLabel('Code from the app').fill('000000');
		await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
		await page.getByRole('alert').getByText('That code is not right').first().waitFor();
		await page.getByLabel('Code from the app').fill(candidateCodes(secret)[0]);
		await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
		await page.getByTestId('recovery-codes').waitFor();
		const codes = await page.getByTestId('recovery-codes').locator('code').allTextContents();
		expect(codes).toHaveLength(10);
		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL((url) => url.pathname === '/sign-in');

		// Password alone is no longer enough: no session until the code.
		await fillSignIn(page, email);
		await page.waitForURL((url) => url.pathname === '/sign-in/code');
		expect((await page.context().cookies()).some((c) => c.name === 'valclean_session')).toBe(false);
		await page.getByLabel('Code', { exact: true }).fill('123456');
		await page.getByRole('button', { name: 'Continue' }).click();
		await page.getByRole('alert').getByText('That code is not right').first().waitFor();
		await typeTotpCode(page, secret);
		await page.waitForURL((url) => url.pathname === '/office');
		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL((url) => url.pathname === '/sign-in');

		// A recovery code signs in once.
		for (const expected of ['/office', '/sign-in/code']) {
			await fillSignIn(page, email);
			await page.waitForURL((url) => url.pathname === '/sign-in/code');
			await page.waitForLoadState('networkidle');
			await page.getByLabel('Code', { exact: true }).fill(codes[0]);
			await page.getByRole('button', { name: 'Continue' }).click();
			await page.waitForLoadState('domcontentloaded');
			if (expected === '/office') {
				await page.waitForURL((url) => url.pathname === '/office');
				await page.getByRole('button', { name: 'Sign out' }).click();
				await page.waitForURL((url) => url.pathname === '/sign-in');
			} else {
				await page.getByRole('alert').getByText('That code is not right').first().waitFor();
			}
		}

		// The REST login wants the code too, and says so.
		const login = (extra: object = {}) =>
			fetch(app('/api/v1/auth/login/'), {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ email, password: PASSWORD, ...extra })
			});
		const missing = await login();
		expect(missing.status).toBe(401);
		expect((await missing.json()).error.code).toBe('TOTP_REQUIRED');
		expect((await login({ totp_code: codes[1] })).status).toBe(200);
		await page.context().close();
	});
});

describe('two-step sign-in for admins', () => {
	it('leads an admin without it to enrol before any session, then into the office', async () => {
		const email = await newAccount('new.admin');
		await sql`UPDATE users SET role = 'admin' WHERE email = ${email}`;
		const page = await (await browser.newContext()).newPage();
		await fillSignIn(page, email);
		await page.waitForURL((url) => url.pathname === '/sign-in/enrol');
		expect((await page.context().cookies()).some((c) => c.name === 'valclean_session')).toBe(false);
		// Nothing else opens meanwhile.
		await page.goto(app('/office'));
		await page.waitForURL((url) => url.pathname === '/sign-in');
		await page.goBack();
		await page.waitForURL((url) => url.pathname === '/sign-in/enrol');
		const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s+/g, '');
		await page.getByLabel('Code from the app').fill(candidateCodes(secret)[0]);
		await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
		await page.getByTestId('recovery-codes').waitFor();
		expect(await page.getByTestId('recovery-codes').locator('code').count()).toBe(10);
		await page.getByRole('link', { name: 'Continue' }).click();
		await page.waitForURL((url) => url.pathname === '/office');
		await page.context().close();
	});
});

describe('an admin session without two-step sign-in', () => {
	it('is ended at its next request (e.g. a manager made admin), and signing in leads to enrolment', async () => {
		const email = await newAccount('promoted', 'manager');
		const login = await fetch(app('/api/v1/auth/login/'), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email, password: PASSWORD })
		});
		const cookie = login.headers
			.getSetCookie()
			.find((c) => c.startsWith('valclean_session='))!
			.split(';')[0];
		const office = () => fetch(app('/office'), { headers: { cookie }, redirect: 'manual' });
		expect((await office()).status).toBe(200);
		await sql`UPDATE users SET role = 'admin' WHERE email = ${email}`;
		expect((await office()).status).toBe(303);
		// That session is gone from the database, not only refused.
		const id = createHash('sha256').update(cookie.split('=')[1]).digest('hex');
		expect(await sql`SELECT 1 FROM sessions WHERE id = ${id}`).toHaveLength(0);
		const again = await fetch(app('/api/v1/auth/login/'), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email, password: PASSWORD })
		});
		expect(again.status).toBe(403);
		expect((await again.json()).error.code).toBe('TOTP_ENROLMENT_REQUIRED');
	});
});

describe('sign-in rate limit', () => {
	it('shows "try again in N minutes" on the sign-in page after too many wrong passwords', async () => {
		const email = await newAccount('limited');
		// Ten failures (the default per account) through the API: the same counter as the form's.
		for (let i = 0; i < 10; i++) {
			const wrong = await fetch(app('/api/v1/auth/login/'), {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ email, password: `wrong password ${i}` })
			});
			expect(wrong.status).toBe(401);
		}
		const page = await (await browser.newContext()).newPage();
		// The right password now: still refused, with the wait.
		await fillSignIn(page, email);
		await page
			.getByRole('alert')
			.getByText(/^Too many attempts: try again in 1[45] minutes$/)
			.first()
			.waitFor();
		expect(new URL(page.url()).pathname).toBe('/sign-in');
		const api = await fetch(app('/api/v1/auth/login/'), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email, password: PASSWORD })
		});
		expect(api.status).toBe(429);
		expect(Number(api.headers.get('retry-after'))).toBeGreaterThan(800);
		// The window ends (moved back here, as 15 minutes passing would): the password works again.
		await sql`UPDATE rate_limits SET expires_at = now() - interval '1 second' WHERE key = ${`login-account:${email}`}`;
		await fillSignIn(page, email);
		await page.waitForURL((url) => url.pathname === '/account');
		await page.context().close();
	});
});

describe('password reset', () => {
	it('emails a link (to the outbox here), which sets a new password once', async () => {
		const email = await newAccount('forgetful');
		const page = await (await browser.newContext()).newPage();
		await page.goto(app('/sign-in'));
		await page.getByRole('link', { name: 'Forgotten your password?' }).click();
		await page.waitForURL((url) => url.pathname === '/forgot-password');
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Email').fill(email);
		await page.getByRole('button', { name: 'Send the link' }).click();
		await page.getByText('If that email belongs to an account').waitFor();
		const [message] = await sql<{ text: string }[]>`
			SELECT text FROM outbox_messages WHERE to_address = ${email}`;
		const link = /(http\S+\/reset-password\?token=[a-z2-7]+)/.exec(message.text)![1];

		await page.goto(link);
		await page.waitForLoadState('networkidle');
		await page.getByLabel('New password').fill('my fresh new password');
		await page.getByRole('button', { name: 'Change password' }).click();
		await page.getByText('Your password has been changed').waitFor();
		await fillSignIn(page, email, 'my fresh new password');
		await page.waitForURL((url) => url.pathname === '/account');

		// The same link again: refused.
		await page.goto(link);
		await page.waitForLoadState('networkidle');
		await page.getByLabel('New password').fill('someone else password');
		await page.getByRole('button', { name: 'Change password' }).click();
		await page
			.getByRole('alert')
			.getByText('This link has expired or has been used already')
			.waitFor();
		await page.context().close();
	});
});

describe('cross-site requests and headers', () => {
	it('refuses a cross-site POST with 403, including Zero mutations, and lets the app through', async () => {
		for (const path of ['/api/zero/mutate', '/api/v1/bookings/', '/api/v1/auth/logout/']) {
			const forged = await fetch(app(path), {
				method: 'POST',
				headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
				body: '{}'
			});
			expect(forged.status, path).toBe(403);
			expect((await forged.json()).error.code).toBe('CROSS_SITE_REQUEST');
		}
		const same = await fetch(app('/api/v1/auth/logout/'), {
			method: 'POST',
			headers: { origin: inject('appUrl'), 'content-type': 'application/json' },
			body: '{}'
		});
		expect(same.status).toBe(200);
	});

	it('sends CSP (with zero-cache in connect-src), no framing, nosniff and the referrer policy', async () => {
		const response = await fetch(app('/sign-in'));
		const csp = response.headers.get('content-security-policy')!;
		expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain(
			`connect-src 'self' ${inject('zeroUrl')} ${inject('zeroUrl').replace('http', 'ws')}`
		);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		const api = await fetch(app('/api/v1/services/'));
		expect(api.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
	});
});
