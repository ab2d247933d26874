import type { Browser } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { firstFreeSlot } from './slots.ts';
import { launchBrowser, signedInPage } from './browser.ts';

// An admin runs the catalogue and the settings from the office's management pages: a field the
// rule refuses is named on the page before anything is sent, the fixed service reaches the
// public catalogue, and a new slot step changes the slots customers are offered.

let browser: Browser;
let sql: postgres.Sql;
let slotStepBefore: number;
let retentionBefore: Record<string, number | null>;

beforeAll(async () => {
	browser = await launchBrowser();
	sql = postgres(inject('databaseUrl'), { max: 2 });
	[{ slot_step_minutes: slotStepBefore }] =
		await sql`SELECT slot_step_minutes FROM business_settings`;
	[retentionBefore] = await sql`
		SELECT position_retention_days, message_retention_days FROM business_settings`;
});

afterAll(async () => {
	// The other browser tests expect the demo settings.
	await sql`UPDATE business_settings SET slot_step_minutes = ${slotStepBefore}`;
	if (retentionBefore) await sql`UPDATE business_settings SET ${sql(retentionBefore)}`;
	await browser?.close();
	await sql?.end();
});

const publicServices = async () =>
	(await (await fetch(`${inject('appUrl')}/api/v1/services/`)).json()).data.services as {
		id: string;
		name: string;
		duration_minutes: number;
		price: number;
		padding_after_minutes: number;
	}[];

describe('managing the catalogue and settings', () => {
	it('names a bad field before sending, then creates the service customers can see', async () => {
		const page = await signedInPage(browser, 'admin@valclean.test');
		await page.goto(`${inject('appUrl')}/office/manage`);
		await page.getByRole('link', { name: 'Services', exact: true }).click();
		await page.getByRole('link', { name: 'New service' }).click();
		await page.waitForURL((url) => url.pathname === '/office/manage/services/new');

		const name = `Window clean ${Date.now()}`;
		await page.getByLabel('Name', { exact: true }).fill(name);
		const category = page.getByLabel('Category');
		await expect
			.poll(() => category.locator('option').count(), { timeout: 30_000 })
			.toBeGreaterThan(1);
		await category.selectOption({ index: 1 });
		await page.getByLabel('Duration (minutes)').fill('5');
		await page.getByLabel('Price (£)').fill('35.50');
		await page.getByLabel('Padding after (minutes)').fill('10');
		await page.getByLabel("Cleaner's checklist").fill('Frames\nSills');
		await page.getByRole('button', { name: 'Create service' }).click();

		// The rule's message beside the field, tied to it for screen readers; nothing sent.
		const duration = page.getByLabel('Duration (minutes)');
		const message = page.locator('#durationMinutes-error');
		await message.getByText('Duration must be 15 to 600 minutes').waitFor();
		expect(await duration.getAttribute('aria-invalid')).toBe('true');
		expect(await duration.getAttribute('aria-describedby')).toContain('durationMinutes-error');
		await page.getByRole('alert').getByText('Check the field marked above.').waitFor();
		// The keyboard lands on the field to fix.
		await expect.poll(() => duration.evaluate((el) => el === document.activeElement)).toBe(true);
		expect(await sql`SELECT 1 FROM services WHERE name = ${name}`).toHaveLength(0);

		await duration.fill('60');
		await page.getByRole('button', { name: 'Create service' }).click();
		await page.getByRole('status').getByText('Saved').waitFor({ timeout: 15_000 });
		await page.waitForURL((url) =>
			/^\/office\/manage\/services\/[0-9a-f-]{36}$/.test(url.pathname)
		);
		expect(await message.count()).toBe(0);

		const [row] =
			await sql`SELECT id, slug, checklist, is_active FROM services WHERE name = ${name}`;
		expect(row).toMatchObject({ checklist: ['Frames', 'Sills'], is_active: true });
		expect(row.slug).toMatch(/^window-clean-\d+$/);
		expect((await publicServices()).find((s) => s.id === row.id)).toMatchObject({
			name,
			duration_minutes: 60,
			price: 3550,
			padding_after_minutes: 10
		});
		const [audit] = await sql`
			SELECT action, source FROM audit_log WHERE entity_id = ${row.id}`;
		expect(audit).toEqual({ action: 'catalog.createService', source: 'app' });

		// Archived: kept for the office, gone from the public catalogue.
		await page.getByRole('button', { name: 'Archive service' }).click();
		await page.getByText('Archived: customers cannot book it.').waitFor({ timeout: 15_000 });
		await expect
			.poll(async () => (await publicServices()).some((s) => s.id === row.id), { timeout: 10_000 })
			.toBe(false);
		await page.context().close();
	});

	it("shows the server's refusal when a permission was taken away after the page opened", async () => {
		const grant = (on: boolean) => sql`
			UPDATE managers SET permissions = permissions || ${sql.json({ manage_services: on })}
			WHERE user_id = (SELECT id FROM users WHERE email = 'south.manager@valclean.test')`;
		await grant(true);
		try {
			const page = await signedInPage(browser, 'south.manager@valclean.test');
			await page.goto(`${inject('appUrl')}/office/manage/categories`);
			await page.getByRole('button', { name: 'Create category' }).waitFor();
			await expect
				.poll(() => page.getByRole('button', { name: 'Create category' }).isEnabled())
				.toBe(true);
			await grant(false);

			const name = `Carpets ${Date.now()}`;
			await page.getByLabel('Name', { exact: true }).fill(name);
			await page.getByRole('button', { name: 'Create category' }).click();
			// The device allowed it (its copy of the permissions is older); the server did not.
			await page
				.getByRole('alert')
				.getByText('You may not change the catalogue')
				.waitFor({ timeout: 15_000 });
			expect(await sql`SELECT 1 FROM categories WHERE name = ${name}`).toHaveLength(0);
			// Zero takes back the optimistic row.
			await expect
				.poll(() => page.locator('tr', { hasText: name }).count(), { timeout: 10_000 })
				.toBe(0);
			await page.context().close();
		} finally {
			await grant(false);
		}
	});

	it('adds an extra from its list page and archives it there; a location opens in the editor', async () => {
		const page = await signedInPage(browser, 'admin@valclean.test');
		const [service] = await sql`
			SELECT id, name FROM services WHERE slug = 'regular-clean-2-hours'`;
		await page.goto(`${inject('appUrl')}/office/manage/extras?service=${service.id}`);
		await page.getByRole('heading', { name: service.name }).waitFor({ timeout: 30_000 });

		const name = `Inside the fridge ${Date.now()}`;
		await page.getByLabel('Name', { exact: true }).fill(name);
		await page.getByLabel('Price per unit (£)').fill('7.50');
		await page.getByLabel('Most per booking').fill('0');
		await page.getByRole('button', { name: 'Create extra' }).click();
		await page
			.locator('#maxQuantity-error')
			.getByText('Most per booking must be 1 to 20')
			.waitFor();
		await page.getByLabel('Most per booking').fill('2');
		await page.getByRole('button', { name: 'Create extra' }).click();
		await page.getByRole('status').getByText('Saved').waitFor({ timeout: 15_000 });
		const [extra] = await sql`
			SELECT id, service_id, price, max_quantity FROM service_extras WHERE name = ${name}`;
		expect(extra).toMatchObject({ service_id: service.id, price: 750, max_quantity: 2 });
		await page.getByRole('heading', { name: `Edit ${name}` }).waitFor();

		const row = page.locator(`tr[data-extra="${extra.id}"]`);
		await row.getByText('£7.50').waitFor();
		await row.getByRole('button', { name: 'Archive' }).click();
		await page.locator(`tr[data-extra="${extra.id}"][data-archived="true"]`).waitFor();
		await row.getByRole('button', { name: 'Restore' }).waitFor();
		await expect
			.poll(async () => (await sql`SELECT is_active FROM service_extras WHERE id = ${extra.id}`)[0])
			.toEqual({ is_active: false });

		const [location] = await sql`SELECT id, name, postcode FROM locations ORDER BY name LIMIT 1`;
		await page.goto(`${inject('appUrl')}/office/manage/locations`);
		await page
			.locator(`tr[data-location="${location.id}"]`)
			.getByRole('button', { name: `Edit ${location.name}` })
			.click();
		await page.getByRole('heading', { name: `Edit ${location.name}` }).waitFor();
		expect(await page.getByLabel('Postcode').inputValue()).toBe(location.postcode);
		await page.getByLabel('Name', { exact: true }).fill('');
		await page.getByRole('button', { name: 'Save location' }).click();
		await page.locator('#name-error').waitFor();
		await page.getByRole('button', { name: 'New location' }).click();
		await page.getByRole('heading', { name: 'New location' }).waitFor();
		expect((await sql`SELECT name FROM locations WHERE id = ${location.id}`)[0].name).toBe(
			location.name
		);
		await page.context().close();
	});

	it('changes the slot step, and customers are offered slots on the new step', async () => {
		const [{ id: serviceId }] =
			await sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
		const date = (await firstFreeSlot(serviceId, 7)).start_time.slice(0, 10);
		const smallestGap = async () => {
			const params = new URLSearchParams({ service_id: serviceId, date, postcode: 'N16 9PD' });
			const response = await fetch(
				`${inject('appUrl')}/api/v1/bookings/available-slots/?${params}`
			);
			const starts = ((await response.json()).data.slots as { start_time: string }[]).map((s) =>
				Date.parse(s.start_time)
			);
			return Math.min(...starts.slice(1).map((t, i) => t - starts[i])) / 60_000;
		};
		expect(await smallestGap()).toBe(slotStepBefore);

		const page = await signedInPage(browser, 'admin@valclean.test');
		await page.goto(`${inject('appUrl')}/office/manage/settings`);
		const step = page.getByLabel('Slot step (minutes)');
		await step.waitFor({ timeout: 30_000 });
		await step.fill('7');
		await page.getByRole('button', { name: 'Save settings' }).click();
		await page.locator('#slotStepMinutes-error').getByText('multiple of 5').waitFor();

		await step.fill('15');
		await page.getByRole('button', { name: 'Save settings' }).click();
		await page.getByRole('status').getByText('Saved').waitFor({ timeout: 15_000 });
		const [settings] = await sql`SELECT slot_step_minutes FROM business_settings`;
		expect(settings.slot_step_minutes).toBe(15);
		expect(await smallestGap()).toBe(15);
		await page.context().close();
	});

	it('sets how long data is kept: whole days, or empty to keep it forever', async () => {
		const page = await signedInPage(browser, 'admin@valclean.test');
		await page.goto(`${inject('appUrl')}/office/manage/settings`);
		const positions = page.getByLabel('GPS positions (days after the job)');
		await positions.waitFor({ timeout: 30_000 });
		await positions.fill('0');
		await page.getByRole('button', { name: 'Save settings' }).click();
		await page
			.locator('#positionRetentionDays-error')
			.getByText('Keep GPS positions for 1 to 3650 whole days')
			.waitFor();

		await positions.fill('60');
		await page.getByLabel('Sent emails and texts (days)').fill('');
		await page.getByRole('button', { name: 'Save settings' }).click();
		await page.getByRole('status').getByText('Saved').waitFor({ timeout: 15_000 });
		const [row] = await sql`
			SELECT position_retention_days, message_retention_days FROM business_settings`;
		expect(row).toEqual({ position_retention_days: 60, message_retention_days: null });
		await page.context().close();
	});
});
