import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, signedInPage } from './browser.ts';

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

async function openOffice(page: Page) {
	await page.goto(`${inject('appUrl')}/office`);
	await page.getByText('Live', { exact: true }).waitFor();
	await page.locator('[data-staff]').first().waitFor();
}

/** A booking's office page, shown live; the booking is one of today's or the next days'. */
async function openBooking(page: Page, id: string) {
	await page.goto(`${inject('appUrl')}/office/bookings/${id}`);
	await page.getByText('Live', { exact: true }).waitFor();
	await page.locator(`[data-appointment="${id}"]`).waitFor();
}

async function someBooking(offset: number) {
	const rows = await sql<{ id: string }[]>`
		SELECT id FROM appointments WHERE status IN ('pending', 'confirmed') AND start_time > now()
		ORDER BY start_time LIMIT 5`;
	return rows[offset].id;
}

const notesOf = (page: Page, id: string) => page.locator(`[data-appointment="${id}"] textarea`);

describe('office day board', () => {
	it('shows a change made in one browser in another, without a reload', async () => {
		const [a, b] = await Promise.all([
			signedInPage(browser, 'admin@valclean.test'),
			signedInPage(browser, 'admin@valclean.test')
		]);
		const id = await someBooking(0);
		await Promise.all([openBooking(a, id), openBooking(b, id)]);
		const text = `Ring the bell twice (${Date.now()})`;

		await notesOf(b, id).fill(text);
		await b
			.locator(`[data-appointment="${id}"]`)
			.getByRole('button', { name: 'Save notes' })
			.click();

		await expect.poll(() => notesOf(a, id).inputValue(), { timeout: 10_000 }).toBe(text);
		const [row] =
			await sql`SELECT internal_notes, updated_at FROM appointment_notes WHERE appointment_id = ${id}`;
		expect(row.internal_notes).toBe(text);
		await Promise.all([a.context().close(), b.context().close()]);
	});

	it('shows a change written on the server side live', async () => {
		const page = await signedInPage(browser, 'admin@valclean.test');
		const id = await someBooking(1);
		await openBooking(page, id);
		const text = `Changed by the office phone line ${Date.now()}`;
		await sql`INSERT INTO appointment_notes (appointment_id, internal_notes) VALUES (${id}, ${text})
			ON CONFLICT (appointment_id) DO UPDATE SET internal_notes = EXCLUDED.internal_notes`;
		await expect.poll(() => notesOf(page, id).inputValue(), { timeout: 10_000 }).toBe(text);
		await page.context().close();
	});

	it('shows a manager only the cleaners of their scope', async () => {
		const page = await signedInPage(browser, 'north.manager@valclean.test');
		await openOffice(page);
		const expected = await sql<{ id: string }[]>`
			SELECT s.id FROM staff s
			JOIN manager_locations ml ON ml.location_id = s.location_id
			JOIN managers m ON m.id = ml.manager_id
			JOIN users u ON u.id = m.user_id
			WHERE u.email = 'north.manager@valclean.test' AND s.is_active`;
		const shown = await page
			.locator('.head[data-staff]')
			.evaluateAll((els) => els.map((e) => e.getAttribute('data-staff')));
		expect(shown.sort()).toEqual(expected.map((r) => r.id).sort());
		const [{ count }] = await sql`SELECT count(*)::int AS count FROM staff WHERE is_active`;
		expect(shown.length).toBeLessThan(count);
		await page.context().close();
	});

	it('sends people who are not signed in to the sign-in page, and keeps customers out', async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(`${inject('appUrl')}/office`);
		expect(new URL(page.url()).pathname).toBe('/sign-in');
		await context.close();

		const customer = await signedInPage(browser, 'customer@valclean.test');
		const response = await customer.goto(`${inject('appUrl')}/office`);
		expect(response?.status()).toBe(403);
		await customer.context().close();
	});
});
