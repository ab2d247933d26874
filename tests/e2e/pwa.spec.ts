import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD } from '../../drizzle/seed/demo-accounts.ts';
import { typeTotpCode } from '../support/totp.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.ts';
import { launchBrowser } from './browser.ts';

let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});

afterAll(() => browser?.close());

const url = (path: string) => `${inject('appUrl')}${path}`;

/** A PNG's width and height, from its IHDR chunk. */
const pngSize = (bytes: Uint8Array) => {
	const view = new DataView(bytes.buffer, bytes.byteOffset);
	return `${view.getUint32(16)}x${view.getUint32(20)}`;
};

/** Opens the app once in a fresh context and waits until the service worker controls the page. */
async function firstVisit(): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
	const page = await context.newPage();
	await page.goto(url('/'));
	// `ready` resolves once the worker is active, i.e. after it stored the app's files.
	await page.evaluate(() => navigator.serviceWorker.ready);
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	return { context, page };
}

/** The URLs the app's caches hold, in any cache. */
const cachedUrls = (page: Page) =>
	page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			urls.push(...(await cache.keys()).map((r) => new URL(r.url).pathname));
		}
		return urls;
	});

describe('installable app', () => {
	it('serves a manifest Chromium accepts, with PNG icons of the sizes it names', async () => {
		const html = await (await fetch(url('/'))).text();
		const href = /<link rel="manifest" href="([^"]+)"/.exec(html)?.[1];
		expect(href).toBe('/manifest.webmanifest');
		expect(html).toMatch(/<meta name="theme-color" content="#0f766e"/);
		expect(html).toMatch(/<link rel="apple-touch-icon" href="\/icons\/apple-touch-icon.png"/);

		const response = await fetch(url(href!));
		expect(response.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
		const manifest = await response.json();
		expect(manifest).toMatchObject({
			name: 'VALClean',
			short_name: 'VALClean',
			start_url: '/',
			scope: '/',
			display: 'standalone',
			theme_color: '#0f766e',
			background_color: expect.stringMatching(/^#[0-9a-f]{6}$/)
		});
		const icons: { src: string; sizes: string; type: string; purpose: string }[] = manifest.icons;
		expect(icons.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual([
			'192x192 any',
			'512x512 any',
			'512x512 maskable'
		]);
		for (const icon of [...icons, { src: '/icons/apple-touch-icon.png', sizes: '180x180' }]) {
			const image = await fetch(url(icon.src));
			expect(image.status, icon.src).toBe(200);
			expect(image.headers.get('content-type'), icon.src).toBe('image/png');
			expect(pngSize(new Uint8Array(await image.arrayBuffer())), icon.src).toBe(icon.sizes);
		}

		// Chromium's own verdict: it parses the manifest and would offer to install the app (a
		// persistent profile, as Chromium never offers installation in an incognito one).
		const profile = await mkdtemp(join(tmpdir(), 'valclean-pwa-'));
		const context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			args: CHROMIUM_ARGS
		});
		try {
			const page = await context.newPage();
			await page.goto(url('/'));
			await page.evaluate(() => navigator.serviceWorker.ready);
			const cdp = await context.newCDPSession(page);
			expect((await cdp.send('Page.getAppManifest')).errors).toEqual([]);
			const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
			expect(installabilityErrors).toEqual([]);
		} finally {
			await context.close();
			await rm(profile, { recursive: true, force: true });
		}
	});
});

describe('offline', () => {
	it('opens the app shell offline after one visit, at any address, with the offline message', async () => {
		const { context, page } = await firstVisit();
		// Offline set before the worker started would not reach the worker's own fetches
		// (stack-facts.md): now that it runs, toggle.
		await context.setOffline(false);
		await context.setOffline(true);
		expect(
			await page.evaluate(() =>
				fetch('/healthz').then(
					() => 'online',
					() => 'offline'
				)
			)
		).toBe('offline');
		const failed: string[] = [];
		page.on('requestfailed', (request) => failed.push(request.url()));

		await page.reload();
		await page.getByRole('heading', { name: 'You are offline' }).waitFor();
		expect(new URL(page.url()).pathname).toBe('/');

		// A deep link: the shell's styles and scripts still come from the cache (absolute paths).
		const response = await page.goto(url('/office/day/2026-03-29'));
		expect(response?.fromServiceWorker()).toBe(true);
		await page.getByRole('heading', { name: 'You are offline' }).waitFor();
		await page.getByRole('link', { name: 'VALClean' }).waitFor();
		expect(new URL(page.url()).pathname).toBe('/office/day/2026-03-29');
		const headerColour = await page
			.locator('header.top')
			.evaluate((e) => getComputedStyle(e).backgroundColor);
		expect(headerColour).toBe('rgb(15, 118, 110)');
		// Its scripts run too: "Try again" reloads the address asked for.
		await Promise.all([
			page.waitForEvent('load'),
			page.getByRole('button', { name: 'Try again' }).click()
		]);
		await page.getByRole('heading', { name: 'You are offline' }).waitFor();
		expect(failed).toEqual([]);

		// Back online, pages come from the server again.
		await context.setOffline(false);
		await page.goto(url('/'));
		await page.getByRole('heading', { name: 'VALClean', level: 1 }).waitFor();
		expect(await page.getByRole('heading', { name: 'You are offline' }).count()).toBe(0);
		await context.close();
	});
});

describe('online, with the service worker running', () => {
	it('leaves server-rendered pages, sign-in and the office to the server, and stores none of them', async () => {
		const { context, page } = await firstVisit();

		// Through the worker (it is in the path), from the server (it renders the form).
		const signIn = await page.goto(url('/sign-in'));
		expect(signIn?.fromServiceWorker()).toBe(true);
		expect(signIn?.status()).toBe(200);
		expect(await signIn?.text()).toMatch(/<form method="POST"/);
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Email').fill('admin@valclean.test');
		await page.getByLabel('Password').fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL((u) => u.pathname === '/sign-in/code');
		await typeTotpCode(page, DEMO_ADMIN_TOTP_SECRET);
		await page.waitForURL((u) => u.pathname === '/office');
		// The office's live connection to zero-cache passes the worker untouched.
		await page.getByText('Live', { exact: true }).waitFor();

		const api = await page.goto(url('/api/v1/openapi.json'));
		expect(api?.fromServiceWorker()).toBe(false);
		expect(await api?.json()).toMatchObject({ openapi: expect.stringMatching(/^3\.1/) });

		const stored = await cachedUrls(page);
		expect(stored).toContain('/offline');
		expect(stored.filter((p) => /^\/(api|sign-in|office)(\/|$)/.test(p))).toEqual([]);
		await context.close();
	});
});

/**
 * The app behind a small proxy that can stand in for a new deployment: each `deploy()` changes one
 * byte of the service worker script, which is what the browser compares when it checks for updates
 * (Playwright cannot route that request: the browser makes it, not a page).
 */
async function redeployableApp() {
	let deployment = 0;
	const server = createServer(async (request, response) => {
		const upstream = await fetch(url(request.url!), { redirect: 'manual' });
		let body = Buffer.from(await upstream.arrayBuffer());
		if (request.url === '/service-worker.js') {
			body = Buffer.concat([body, Buffer.from(`\n// deployment ${deployment}\n`)]);
		}
		// fetch() has already decoded the body, so its encoding and length no longer apply.
		const headers = [...upstream.headers].filter(
			([name]) => !['content-encoding', 'content-length', 'transfer-encoding'].includes(name)
		);
		response.writeHead(upstream.status, Object.fromEntries(headers)).end(body);
	});
	await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
	return {
		origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		deploy: () => void deployment++,
		close: () => new Promise((closed) => server.close(closed))
	};
}

describe('a new deployment', () => {
	it('offers "Reload" once the new version is ready, and reloads into it', async () => {
		const app = await redeployableApp();
		const context = await browser.newContext();
		try {
			const page = await context.newPage();
			await page.goto(`${app.origin}/`);
			await page.evaluate(() => navigator.serviceWorker.ready);
			await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

			app.deploy();
			// What the browser does on its own at the next navigation or the component's hourly check.
			await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
			const prompt = page.getByRole('status').getByText('A new version is available');
			await prompt.waitFor();

			await page.evaluate(() => Object.assign(window, { beforeReload: true }));
			await Promise.all([
				page.waitForEvent('load'),
				prompt.getByRole('button', { name: 'Reload' }).click()
			]);
			expect(await page.evaluate(() => 'beforeReload' in window)).toBe(false);
			const state = await page.evaluate(async () => {
				const registration = await navigator.serviceWorker.getRegistration();
				return {
					waiting: !!registration?.waiting,
					controlled: !!navigator.serviceWorker.controller
				};
			});
			expect(state).toEqual({ waiting: false, controlled: true });
			expect(await prompt.count()).toBe(0);
		} finally {
			await context.close();
			await app.close();
		}
	});
});
