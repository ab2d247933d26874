import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../drizzle/seed/demo-accounts.ts';
import { pngImage } from '../support/images.ts';
import { launchBrowser, signedInPage } from './browser.ts';
import { officeBookingCard } from './office.ts';

// Photos from the field app: taken with no signal, shown at once from the phone, uploaded when the
// signal is back — once, even when the first upload's answer is lost and it is sent again — and
// shown on the office's card.

let browser: Browser;
let sql: postgres.Sql;

beforeAll(async () => {
	browser = await launchBrowser();
	sql = postgres(inject('databaseUrl'), { max: 2 });
});

afterAll(async () => {
	await browser?.close();
	await sql?.end();
});

/**
 * Amira signed in, in a context whose service worker is kept out, so that the test's own routing
 * sees every request the page makes (a worker would fetch them out of the test's reach).
 */
async function cleanerPage(): Promise<Page> {
	const context = await browser.newContext({
		locale: 'en-GB',
		timezoneId: 'Europe/London',
		serviceWorkers: 'block'
	});
	const page = await context.newPage();
	await page.goto(`${inject('appUrl')}/sign-in`);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Email').fill('amira@valclean.test');
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => url.pathname === '/field');
	return page;
}

const filesOf = async (jobId: string) =>
	readdir(join(inject('dataDir'), 'files', 'photos', jobId)).catch(() => [] as string[]);

describe('field app: photos of a job', () => {
	it('keeps a photo taken offline on the phone, then stores it once, even when sent twice', async () => {
		const page = await cleanerPage();
		const job = page.locator('[data-job]').nth(2);
		const id = (await job.getAttribute('data-job'))!;
		await job.getByRole('link').first().click();
		await page.getByLabel('Add a photo').waitFor({ state: 'attached' });
		await page.waitForLoadState('networkidle');

		// No signal: the photo is scaled, kept on the phone and shown from there.
		await page.context().setOffline(true);
		await page.getByLabel('Caption (optional)').fill('Cracked tile by the sink');
		await page.getByLabel('Add a photo').setInputFiles({
			name: 'kitchen.png',
			mimeType: 'image/png',
			buffer: pngImage(2400, 1800, 3)
		});
		const photo = page.locator('[data-photo]');
		await photo.getByText('Saved on this phone', { exact: true }).waitFor();
		await page.getByText('1 photo saved on this phone, waiting to upload').waitFor();
		await expect.poll(() => photo.locator('img').getAttribute('src')).toMatch(/^blob:/);
		await photo.getByText('Cracked tile by the sink').waitFor();
		const photoId = (await photo.getAttribute('data-photo'))!;
		expect(await sql`SELECT 1 FROM field_photos WHERE job_id = ${id}`).toHaveLength(0);
		expect(await filesOf(id)).toEqual([]);

		// The signal comes back, but the first upload's answer is lost after the server took it:
		// the phone sends it again, and the server keeps one photo.
		const puts: number[] = [];
		await page.route('**/api/field/photos/**', async (route) => {
			if (route.request().method() !== 'PUT') return route.continue();
			const response = await route.fetch();
			puts.push(response.status());
			if (puts.length === 1) return route.abort('connectionreset');
			return route.fulfill({ response });
		});
		await page.context().setOffline(false);
		await page.evaluate(() => dispatchEvent(new Event('online')));
		await photo.getByText('Uploaded', { exact: true }).waitFor({ timeout: 20_000 });
		expect(puts).toEqual([201, 200]);
		await expect
			.poll(() => photo.locator('img').getAttribute('src'))
			.toBe(`/api/field/photos/${photoId}`);
		await expect
			.poll(() => photo.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
			.toBe(1600);

		const rows = await sql`SELECT * FROM field_photos WHERE job_id = ${id}`;
		expect(rows).toHaveLength(1);
		// Scaled on the phone: 2400 × 1800 PNG → 1600 × 1200 JPEG.
		expect(rows[0]).toMatchObject({
			id: photoId,
			content_type: 'image/jpeg',
			width: 1600,
			height: 1200,
			storage_key: `photos/${id}/${photoId}.jpg`
		});
		expect(await filesOf(id)).toEqual([`${photoId}.jpg`]);

		// Sent yet again by hand: 200, still one row and one file.
		const repeat = await page.evaluate(
			async ([photoId, id]) => {
				const picture = await (await fetch(`/api/field/photos/${photoId}`)).blob();
				const response = await fetch(`/api/field/photos/${photoId}?job=${id}`, {
					method: 'PUT',
					headers: { 'content-type': 'image/jpeg' },
					body: picture
				});
				return { status: response.status, body: await response.json() };
			},
			[photoId, id]
		);
		expect(repeat.status).toBe(200);
		expect(repeat.body.data.status).toBe('duplicate');
		expect(await sql`SELECT 1 FROM field_photos WHERE job_id = ${id}`).toHaveLength(1);
		expect(await filesOf(id)).toEqual([`${photoId}.jpg`]);

		// Its field event reaches the server once, with its caption.
		await page.getByText(/^All synced/).waitFor({ timeout: 15_000 });
		const events =
			await sql`SELECT payload FROM field_events WHERE job_id = ${id} AND kind = 'photo'`;
		expect(events.map((e) => e.payload)).toEqual([
			{ photoId, caption: 'Cracked tile by the sink' }
		]);
		await page.context().close();

		// The office's card shows the photo; the picture opens for the office, not for a customer.
		const card = await officeBookingCard(browser, id);
		const photos = card.locator('[data-photos="1"]');
		await photos.getByText('1 photo').waitFor({ timeout: 10_000 });
		await expect
			.poll(() => photos.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth), {
				timeout: 10_000
			})
			.toBe(1600);
		await card.page().context().close();

		const customer = await signedInPage(browser, 'customer@valclean.test');
		const refused = await customer.request.get(`${inject('appUrl')}/api/field/photos/${photoId}`);
		expect(refused.status()).toBe(403);
		await customer.context().close();
	});
});
