import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loginWithCode } from '../support/totp.ts';
import { launchBrowser } from './browser.ts';

const api = (path: string, body: unknown, cookie?: string) =>
	fetch(`${inject('appUrl')}/api/v1/auth/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});

const sessionCookie = (response: Response) =>
	response.headers
		.getSetCookie()
		.find((c) => c.startsWith('valclean_session='))
		?.split(';')[0];

describe('sign-in API (spec §5.1 auth, §5.2 envelope)', () => {
	const email = `new.customer.${Date.now()}@example.com`;

	it('registers a customer, signs them in with an httpOnly session cookie', async () => {
		const response = await api('register', {
			name: 'Nia Patel',
			email,
			password: 'a long passphrase'
		});
		expect(response.status).toBe(201);
		const body = await response.json();
		expect(body).toMatchObject({ success: true, data: { user: { email, role: 'customer' } } });
		expect(body.meta.version).toBe('1.0');
		const setCookie = response.headers.getSetCookie().join('\n');
		expect(setCookie).toMatch(/valclean_session=[a-z2-7]+;/);
		expect(setCookie).toMatch(/HttpOnly/i);
		expect(setCookie).toMatch(/SameSite=Lax/i);
	});

	it('names every bad field, and refuses a second account for the same email', async () => {
		const bad = await api('register', { name: '', email: 'not-an-email', password: 'short' });
		expect(bad.status).toBe(400);
		const { error } = await bad.json();
		expect(error.code).toBe('VALIDATION_ERROR');
		expect(Object.keys(error.details).sort()).toEqual(['email', 'name', 'password']);

		const again = await api('register', {
			name: 'Nia',
			email: email.toUpperCase(),
			password: 'another long one'
		});
		expect(again.status).toBe(409);
		expect((await again.json()).error.code).toBe('EMAIL_TAKEN');

		const notJson = await api('register', '{"name":');
		expect(notJson.status).toBe(400);
	});

	it('refuses a wrong password without saying whether the email exists', async () => {
		const wrong = await api('login', { email, password: 'not the password' });
		const unknown = await api('login', { email: 'nobody@example.com', password: 'whatever123' });
		expect([wrong.status, unknown.status]).toEqual([401, 401]);
		expect((await wrong.json()).error.message).toBe((await unknown.json()).error.message);
	});

	it('ends the session on logout: the old cookie no longer opens the office', async () => {
		const login = await loginWithCode(inject('appUrl'), {
			email: 'admin@valclean.test',
			password: 'valclean-demo'
		});
		expect(login.status).toBe(200);
		const cookie = sessionCookie(login)!;
		const office = () =>
			fetch(`${inject('appUrl')}/office`, { headers: { cookie }, redirect: 'manual' });
		expect((await office()).status).toBe(200);
		expect((await api('logout', {}, cookie)).status).toBe(200);
		expect((await office()).status).toBe(303);
	});
});

describe('sign-in pages', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(() => browser?.close());

	it('shows the error beside the field, registers, then signs out', async () => {
		const page = await (await browser.newContext()).newPage();
		await page.goto(`${inject('appUrl')}/register`);
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Your name').fill('Tom Reid');
		await page.getByLabel('Email').fill(`tom.${Date.now()}@example.com`);
		await page.getByLabel('Password').fill('short');
		await page.getByRole('button', { name: 'Create account' }).click();
		const password = page.getByLabel('Password');
		await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true');
		await expect
			.poll(() => page.getByRole('alert').allTextContents())
			.toContain('Use at least 10 characters');

		await password.fill('a much longer password');
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.getByText('Tom Reid').waitFor();
		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL((url) => url.pathname === '/sign-in');
		await page.getByRole('link', { name: 'Sign in' }).waitFor();
		await page.context().close();
	});

	it('keeps what someone typed before the page finished starting', async () => {
		const page = await (await browser.newContext()).newPage();
		// Hold the app's scripts back, as a slow phone would, and type meanwhile. Only the scripts:
		// a held stylesheet would hold the page itself back until the scripts had arrived too.
		await page.route('**/_app/immutable/**/*.js', async (route) => {
			await new Promise((r) => setTimeout(r, 800));
			await route.continue();
		});
		await page.goto(`${inject('appUrl')}/sign-in`, { waitUntil: 'domcontentloaded' });
		await page.getByLabel('Email').fill('early@example.com');
		await page.waitForLoadState('networkidle');
		await expect
			.poll(() => page.evaluate(() => document.querySelector('script') !== null))
			.toBe(true);
		expect(await page.getByLabel('Email').inputValue()).toBe('early@example.com');
		await page.context().close();
	});
});
