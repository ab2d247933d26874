import type { Browser } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { guestBooking } from './slots.ts';

// A guest's booking becomes theirs in a new account from the link on its page; the account lists
// it, gives all their data as JSON, and deletes itself once no clean is still to come.

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

const app = (path: string) => `${inject('appUrl')}${path}`;

/** Pays a held booking with the local driver, as its confirmation link lets anyone holding it. */
async function payByLink(booking: { id: string; cancellation_token: string }) {
	const call = async (path: string, body: object) =>
		(
			await fetch(app(`/api/v1/payments/${path}/`), {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ booking_id: booking.id, token: booking.cancellation_token, ...body })
			})
		).json();
	const intent = await call('create-intent', {});
	const paid = await call('confirm', { payment_intent_id: intent.data.payment_intent_id });
	expect(paid.success).toBe(true);
}

describe('customer account', () => {
	it('takes over a guest booking, exports the data, and deletes itself', async () => {
		const email = `tomasz.${Date.now()}@example.com`;
		const [service] = await sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
		const booking = await guestBooking(service.id, 8, { name: 'Tomasz Nowak', email });
		const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
		await page.goto(app(`/booking/${booking.id}?token=${booking.cancellation_token}`));
		await page.getByRole('link', { name: 'Create an account' }).click();
		await page.getByText(`Your bookings made as ${email} will be in your account.`).waitFor();
		expect(await page.getByLabel('Email').inputValue()).toBe(email);
		await page.getByLabel('Password').fill('a long passphrase');
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.waitForURL((url) => url.pathname === '/account');
		await page.getByRole('link', { name: 'Regular clean, 2 hours' }).first().waitFor();

		// Paid elsewhere (the link in the email, on another device): the account shows it confirmed
		// without a reload, and its invoice once the page is opened again.
		const row = page.locator('li', { hasText: 'Regular clean, 2 hours' }).first();
		await row.getByText('Waiting for payment').waitFor();
		await payByLink(booking);
		await row.getByText('Confirmed').waitFor({ timeout: 10_000 });
		await page.reload();
		await page.getByRole('link', { name: /^INV-\d{4}-\d{6} \(PDF\)$/ }).waitFor();

		const data = await (await page.request.get(app('/account/data.json'))).json();
		expect(data.account.email).toBe(email);
		expect(data.bookings.map((b: { id: string }) => b.id)).toContain(booking.id);

		await page.getByLabel('Type DELETE to confirm').fill('DELETE');
		await page.getByRole('button', { name: 'Delete my account' }).click();
		await page.getByText('Cancel your upcoming cleans before deleting your account').waitFor();

		await page.getByRole('link', { name: 'Regular clean, 2 hours' }).first().click();
		await page.getByRole('button', { name: 'Cancel this booking' }).click();
		await page.getByRole('button', { name: 'Yes, cancel it' }).click();
		await page.getByText('Your booking is cancelled.').waitFor();
		await page.goto(app('/account'));
		await page.getByLabel('Type DELETE to confirm').fill('DELETE');
		await page.getByRole('button', { name: 'Delete my account' }).click();
		await page.waitForURL((url) => url.pathname === '/');
		await page.getByText('Your account has been deleted.').waitFor();
		await page.getByRole('link', { name: 'Sign in' }).waitFor();
		expect(await sql`SELECT 1 FROM users WHERE email = ${email}`).toHaveLength(0);
		const [record] = await sql`
			SELECT c.name, c.email FROM customers c JOIN customer_appointments ca ON ca.customer_id = c.id
			WHERE ca.appointment_id = ${booking.id}`;
		expect(record.name).toBe('Deleted customer');
		expect(record.email).not.toBe(email);
		await page.context().close();
	});
});
