import type { Browser } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, signedInPage } from './browser.ts';
import { firstFreeSlot } from './slots.ts';

// The whole notification path on the running stack: a booking paid over the REST API, the
// stack's own worker sending the confirmation into the local outbox (no provider keys), and an
// admin reading it on the office's Outbox page, the email's HTML in a sandboxed frame.

let browser: Browser;
let sql: postgres.Sql;
const api = (path: string, body: unknown) =>
	fetch(`${inject('appUrl')}/api/v1/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	}).then((r) => r.json());

beforeAll(async () => {
	browser = await launchBrowser();
	sql = postgres(inject('databaseUrl'), { max: 1 });
});
afterAll(async () => {
	await browser?.close();
	await sql?.end();
});

describe('the office’s Outbox', () => {
	it('shows the confirmation the worker sent for a paid booking, its HTML sandboxed', async () => {
		const [{ id: serviceId }] = await sql`SELECT id FROM services WHERE slug = 'deep-clean-flat'`;
		const slot = await firstFreeSlot(serviceId, 9);
		const email = `outbox.${Date.now()}@example.com`;
		const made = await api('bookings/', {
			service_id: serviceId,
			start_time: slot.start_time,
			staff_id: slot.staff_ids[0],
			customer: {
				name: 'Ola Nowak',
				email,
				phone: '07700 900789',
				address_line1: '9 Church St <img src=x onerror="window.pwned=1">',
				city: 'London',
				postcode: 'N16 0NX'
			}
		});
		const { id, cancellation_token: token } = made.data;
		const intent = await api('payments/create-intent/', { booking_id: id, token });
		const paid = await api('payments/confirm/', {
			booking_id: id,
			payment_intent_id: intent.data.payment_intent_id,
			token
		});
		expect(paid.data.status).toBe('confirmed');

		// The stack's worker picks the job up by itself (LISTEN/NOTIFY): wait for its message.
		const until = Date.now() + 30_000;
		while ((await sql`SELECT 1 FROM outbox_messages WHERE to_address = ${email}`).length === 0) {
			if (Date.now() > until) throw new Error('the worker sent no confirmation');
			await new Promise((resolve) => setTimeout(resolve, 200));
		}

		const page = await signedInPage(browser, 'admin@valclean.test');
		await page.goto(`${inject('appUrl')}/office`);
		await page.getByRole('link', { name: 'Outbox' }).click();
		await page.waitForURL('**/office/outbox');
		const message = page.locator('li[data-channel="email"]', { hasText: email });
		await message.locator('summary').click();
		const frame = message.locator('iframe');
		expect(await frame.getAttribute('sandbox')).toBe('');
		const letter = frame.contentFrame();
		await expect
			.poll(() => letter.getByRole('heading', { name: 'Your clean is booked' }).count())
			.toBe(1);
		// The address someone typed is shown as text: no element made of it, nothing in it ran.
		expect(await letter.locator('body').innerText()).toContain(
			'9 Church St <img src=x onerror="window.pwned=1">, London, N16 0NX'
		);
		expect(await letter.locator('img').count()).toBe(0);
		expect(await page.evaluate(() => 'pwned' in window)).toBe(false);
		const link = await letter
			.getByRole('link', { name: 'Manage your booking' })
			.getAttribute('href');
		expect(link).toBe(`${inject('appUrl')}/booking/${id}?token=${token}`);
		expect(await message.locator('pre').innerText()).toContain(link);
		await page.context().close();
	});
});
