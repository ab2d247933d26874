import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, signedInPage } from './browser.ts';

// API keys in the real app: an admin makes one at /office/api-keys and sees it once; an
// integration uses it as a bearer token on the REST API; a read key may not change anything; a
// revoked key is anonymous. Managers do not reach the page.

let browser: Browser;

const app = (path: string) => `${inject('appUrl')}${path}`;

beforeAll(async () => {
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
});

describe('API keys', () => {
	it('are made once-shown by an admin, read the office API, refuse writes, and stop when revoked', async () => {
		const page = await signedInPage(browser, 'admin@valclean.test');
		await page.goto(app('/office/api-keys'));
		await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();

		// A name is required, and named.
		await page.getByRole('button', { name: 'Make key' }).click();
		await page.getByText('Give the key a name, e.g. the integration that uses it').waitFor();

		const name = `Bookkeeping ${Date.now()}`;
		await page.getByLabel('Name').fill(name);
		await page.getByLabel('Read only').check();
		await page.getByRole('button', { name: 'Make key' }).click();
		const shown = page.locator('output[data-key]');
		await shown.waitFor();
		const key = (await shown.textContent())!.trim();
		expect(key).toMatch(/^vck_[a-z2-7]{32}$/);
		const row = page.locator('tr', { hasText: name });
		await row.waitFor();
		expect(await row.locator('code').textContent()).toBe(`${key.slice(0, 10)}…`);

		const bearer = { authorization: `Bearer ${key}` };
		const list = await fetch(app('/api/v1/admin/appointments/?page_size=2'), { headers: bearer });
		expect(list.status).toBe(200);
		const body = await list.json();
		expect(body.success).toBe(true);
		expect(body.data.items).toHaveLength(2);
		expect(body.data.total).toBeGreaterThan(2);
		const id: string = body.data.items[0].id;

		// A read key may not change anything, even what its admin could.
		const cancel = await fetch(app(`/api/v1/bookings/${id}/cancel/`), {
			method: 'POST',
			headers: { ...bearer, 'content-type': 'application/json' },
			body: '{}'
		});
		expect(cancel.status).toBe(403);
		expect((await cancel.json()).error.code).toBe('READ_ONLY_KEY');
		// Nor reach the app's pages.
		expect((await fetch(app('/office'), { headers: bearer, redirect: 'manual' })).status).toBe(403);

		// Shown once: after a reload only its start is listed.
		await page.reload();
		await row.waitFor();
		expect(await page.locator('output[data-key]').count()).toBe(0);

		await row.getByRole('button', { name: `Revoke “${name}”` }).click();
		await row.getByText('Revoked').waitFor();
		const after = await fetch(app('/api/v1/admin/appointments/'), { headers: bearer });
		expect(after.status).toBe(401);
		await page.context().close();
	});

	it('are for admins only', async () => {
		const page = await signedInPage(browser, 'south.manager@valclean.test');
		const answer = await page.goto(app('/office/api-keys'));
		expect(answer?.status()).toBe(403);
		await page.context().close();
	});
});
