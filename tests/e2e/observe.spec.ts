import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, signedInPage } from './browser.ts';

// The built app: request ids on every answer, and /metrics for this machine only.

const metrics = (headers: Record<string, string> = {}) =>
	fetch(`${inject('appUrl')}/metrics`, { headers });

describe('observing the running app', () => {
	it('answers with the caller’s sane x-request-id, or one of its own', async () => {
		const given = await fetch(`${inject('appUrl')}/healthz`, {
			headers: { 'x-request-id': 'e2e-request-0001' }
		});
		expect(given.headers.get('x-request-id')).toBe('e2e-request-0001');
		const forged = await fetch(`${inject('appUrl')}/api/v1/services`, {
			headers: { 'x-request-id': 'no' }
		});
		expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
		const own = await fetch(`${inject('appUrl')}/api/v1/no-such-thing`);
		expect(own.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('serves Prometheus metrics to this machine: durations by route id, the job queue', async () => {
		await fetch(`${inject('appUrl')}/healthz`);
		const response = await metrics();
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('text/plain');
		const text = await response.text();
		expect(text).toMatch(
			/valclean_http_request_duration_seconds_count\{route="\/healthz",method="GET",status="2xx"\} [1-9]/
		);
		// A path with a booking's id in it is labelled by its route, never by the path.
		expect(text).not.toMatch(/route="\/api\/v1\/no-such-thing"/);
		expect(text).toMatch(/^valclean_job_queue_depth \d+$/m);
		expect(text).toMatch(/^valclean_job_oldest_wait_seconds [\d.]+$/m);
		expect(text).toMatch(/^valclean_jobs_failed \d+$/m);
		expect(text).toMatch(/^valclean_payments_last_24h\{status="succeeded"\} \d+$/m);
		expect(text).toContain('valclean_bookings_created_total');
		expect(text).toContain('process_cpu_seconds_total');
	});

	it('refuses /metrics with a 404 to a request that came through a proxy', async () => {
		const proxied = await metrics({ 'x-forwarded-for': '203.0.113.9' });
		expect(proxied.status).toBe(404);
		expect(await proxied.text()).not.toContain('valclean_');
	});
});

describe('the office System page', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('is in an admin’s nav and tells the worker is running; a manager is refused', async () => {
		const page = await signedInPage(browser, 'admin@valclean.test');
		await page.goto(`${inject('appUrl')}/office`);
		await page
			.getByRole('navigation', { name: 'Office' })
			.getByRole('link', { name: 'System' })
			.click();
		await page.getByRole('heading', { name: 'System', level: 1 }).waitFor();
		await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
		expect(
			Number(await page.locator('dd[data-workers]').getAttribute('data-workers'))
		).toBeGreaterThanOrEqual(1);
		await page.getByRole('heading', { name: 'Calendar connections' }).waitFor();
		await page.getByRole('link', { name: 'See them on the Outbox page' }).waitFor();
		await page.context().close();

		const manager = await signedInPage(browser, 'north.manager@valclean.test');
		await manager.goto(`${inject('appUrl')}/office`);
		await manager.getByRole('navigation', { name: 'Office' }).waitFor();
		expect(await manager.getByRole('link', { name: 'System' }).count()).toBe(0);
		const refused = await manager.goto(`${inject('appUrl')}/office/system`);
		expect(refused?.status()).toBe(403);
		await manager.context().close();
	});
});
