import type { Browser } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, signedInPage } from './browser.ts';

// The office's people pages against the real stack: an admin adds a cleaner with working hours
// and a service area (a bad postcode named beside its field first, on the device), a customer is
// found by postcode, and a scoped manager finds no customer outside their reach, by search or URL.

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

describe('people in the office', () => {
	it('an admin adds a cleaner with working hours and a service area', async () => {
		const page = await signedInPage(browser, 'admin@valclean.test');
		await page.goto(`${inject('appUrl')}/office/manage/cleaners/new`);
		await page.getByText('Live', { exact: true }).waitFor({ timeout: 30_000 });
		const email = `new.cleaner.${Date.now()}@example.co.uk`;
		await page.getByLabel('Name').fill('Nadia Brook');
		await page.getByLabel('Email (also their sign-in)').fill(email);
		await page.getByLabel('Phone').fill('07700 900321');
		const [location] = await sql`SELECT id, name FROM locations ORDER BY name LIMIT 1`;
		await page.getByLabel('Location').selectOption(location.id);

		await page.getByRole('button', { name: 'Add working hours' }).click();
		const hours = page.locator('[data-hours="0"]');
		await hours.getByLabel('Day', { exact: true }).selectOption({ label: 'Tuesday' });
		await hours.getByLabel('From', { exact: true }).fill('08:30');
		await hours.getByLabel('To', { exact: true }).fill('16:00');
		await hours.getByRole('button', { name: 'Add a break' }).click();
		await hours.getByLabel('Break from').fill('12:00');
		await hours.getByLabel('Break to').fill('12:45');

		await page.getByRole('button', { name: 'Add an area' }).click();
		const area = page.locator('[data-area="0"]');
		await area.getByLabel('Postcode').fill('ZZ9');
		await area.getByLabel('Radius (km)').fill('6');
		await page.getByRole('button', { name: 'Add cleaner' }).click();
		// Refused on the device, beside the field; nothing sent.
		await area
			.getByText("We don't know where the postcode district ZZ9 is", { exact: false })
			.waitFor();
		expect(await sql`SELECT 1 FROM staff WHERE email = ${email}`).toHaveLength(0);

		await area.getByLabel('Postcode').fill('e8');
		await page.getByRole('button', { name: 'Add cleaner' }).click();
		await page.waitForURL((url) => /\/office\/manage\/cleaners\/[0-9a-f-]{36}$/.test(url.pathname));
		await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor({ timeout: 15_000 });
		const [cleaner] = await sql`SELECT id, user_id, location_id FROM staff WHERE email = ${email}`;
		expect(cleaner.location_id).toBe(location.id);
		expect(page.url()).toContain(cleaner.id);
		expect(
			await sql`SELECT day_of_week, start_minute, end_minute, breaks FROM staff_schedules WHERE staff_id = ${cleaner.id}`
		).toEqual([
			{ day_of_week: 1, start_minute: 510, end_minute: 960, breaks: [{ start: 720, end: 765 }] }
		]);
		expect(
			await sql`SELECT postcode, radius_km FROM staff_areas WHERE staff_id = ${cleaner.id}`
		).toEqual([{ postcode: 'E8', radius_km: 6 }]);
		expect((await sql`SELECT role FROM users WHERE id = ${cleaner.user_id}`)[0].role).toBe('staff');
		// Opened again, the form reads the saved rows back (postcode as stored, times as typed).
		await page.reload();
		const saved = page.locator('[data-area="0"]').getByLabel('Postcode');
		await expect.poll(() => saved.inputValue(), { timeout: 30_000 }).toBe('E8');
		expect(
			await page.locator('[data-hours="0"]').getByLabel('From', { exact: true }).inputValue()
		).toBe('08:30');

		// A temporary password, shown once, lets the new cleaner sign in.
		await page.getByRole('button', { name: 'Issue a temporary password' }).click();
		const shown = page.locator('[data-temporary-password]');
		await shown.waitFor();
		expect(await shown.textContent()).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){4}$/);
		expect(await sql`SELECT 1 FROM user_passwords WHERE user_id = ${cleaner.user_id}`).toHaveLength(
			1
		);

		// Archived and restored from the side panel.
		const isActive = async () =>
			(await sql`SELECT is_active FROM staff WHERE id = ${cleaner.id}`)[0].is_active;
		await page.getByRole('button', { name: 'Archive Nadia Brook' }).click();
		await page.getByText('Archived: off the calendar', { exact: false }).waitFor();
		await expect.poll(isActive, { timeout: 15_000 }).toBe(false);
		await page.getByRole('button', { name: 'Restore Nadia Brook' }).click();
		await page.getByRole('button', { name: 'Archive Nadia Brook' }).waitFor({ timeout: 15_000 });
		await expect.poll(isActive, { timeout: 15_000 }).toBe(true);
		await page.context().close();
	});

	it('finds a customer by postcode; a scoped manager does not see one outside their reach', async () => {
		const scope = await sql`
			SELECT m.id, array(SELECT staff_id FROM manager_staff WHERE manager_id = m.id) AS staff,
			       array(SELECT customer_id FROM manager_customers WHERE manager_id = m.id) AS customers
			FROM managers m JOIN users u ON u.id = m.user_id WHERE u.email = 'south.manager@valclean.test'`;
		const { staff, customers } = scope[0];
		// South reaches no location, so: listed customers and those who booked one of their cleaners.
		const reached = sql`
			SELECT c.id, c.name, c.email, c.postcode FROM customers c
			WHERE NOT c.is_archived AND (c.id = ANY(${customers}::uuid[]) OR EXISTS (
				SELECT 1 FROM customer_appointments ca JOIN appointments a ON a.id = ca.appointment_id
				WHERE ca.customer_id = c.id AND a.staff_id = ANY(${staff}::uuid[])))`;
		const [inside] = await sql`SELECT * FROM (${reached}) r ORDER BY name LIMIT 1`;
		const [outside] = await sql`
			SELECT c.id, c.name, c.email, c.postcode FROM customers c
			WHERE NOT c.is_archived AND c.id NOT IN (SELECT id FROM (${reached}) r) ORDER BY c.name LIMIT 1`;
		expect(inside && outside).toBeTruthy();

		const admin = await signedInPage(browser, 'admin@valclean.test');
		await admin.goto(`${inject('appUrl')}/office/manage/customers`);
		await admin.getByText('Live', { exact: true }).waitFor({ timeout: 30_000 });
		// Typed as people do: lower case, no space.
		await admin.getByLabel('Search').fill(outside.postcode.replace(' ', '').toLowerCase());
		await admin.locator(`[data-customer="${outside.id}"]`).waitFor({ timeout: 15_000 });
		await admin.context().close();

		const south = await signedInPage(browser, 'south.manager@valclean.test');
		await south.goto(`${inject('appUrl')}/office/manage/customers`);
		await south.getByText('Live', { exact: true }).waitFor({ timeout: 30_000 });
		await south.getByLabel('Search').fill(inside.postcode);
		await south.locator(`[data-customer="${inside.id}"]`).waitFor({ timeout: 15_000 });
		await south.getByLabel('Search').fill(outside.email);
		await south.getByText('No customer you look after matches.').waitFor({ timeout: 15_000 });
		expect(await south.locator(`[data-customer="${outside.id}"]`).count()).toBe(0);
		// Nor by address: the synced query returns nothing for it.
		await south.goto(`${inject('appUrl')}/office/manage/customers/${outside.id}`);
		await south
			.getByText('No customer you look after has this address.')
			.waitFor({ timeout: 15_000 });
		expect(await south.getByText(outside.email).count()).toBe(0);
		await south.context().close();
	});
});
