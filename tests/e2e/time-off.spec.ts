import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, signedInPage } from './browser.ts';

// Time off from the cleaner's phone to the office and back, live both ways: the cleaner asks on
// "My schedule", the office sees the request arrive with the jobs it clashes with and approves it,
// and the cleaner's page says Approved, with no reload anywhere.

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
 * The form's button, once the phone's Zero client is connected: asking needs the office. Under a
 * loaded machine the connection has taken over 30 s; failing, this says what the form showed.
 */
async function askWhenConnected(page: Page) {
	const ask = page.getByRole('button', { name: 'Ask for time off' });
	try {
		await expect.poll(() => ask.isEnabled(), { timeout: 60_000 }).toBe(true);
	} catch (error) {
		const status = await page.locator('#ask-status').textContent();
		throw new Error(`not connected after 60 s; the form said: ${status?.trim()}`, { cause: error });
	}
	return ask;
}

describe('time off', { timeout: 150_000 }, () => {
	it('goes from the cleaner to the office and back without a reload', async () => {
		// The office watches first, so the request has to arrive live.
		const office = await signedInPage(browser, 'admin@valclean.test');
		await office.goto(`${inject('appUrl')}/office/time-off`);
		await office.getByText('Live', { exact: true }).waitFor();

		const cleaner = await signedInPage(browser, 'amira@valclean.test');
		await cleaner.waitForURL((url) => url.pathname === '/field');
		await cleaner.getByRole('link', { name: 'My schedule and time off' }).click();
		await cleaner.waitForURL((url) => url.pathname === '/field/schedule');
		await cleaner.locator('[data-weekday="Monday"]').waitFor();
		const ask = await askWhenConnected(cleaner);

		// A day (after today) with booked jobs, so the office sees a clash.
		const [{ day }] = await sql`
			SELECT to_char((a.start_time AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD') AS day
			FROM appointments a JOIN staff s ON s.id = a.staff_id JOIN users u ON u.id = s.user_id
			WHERE u.email = 'amira@valclean.test' AND a.status NOT IN ('cancelled', 'expired')
				AND (a.start_time AT TIME ZONE 'Europe/London')::date
					> (now() AT TIME ZONE 'Europe/London')::date
			ORDER BY a.start_time LIMIT 1`;
		const reason = `Sister's wedding ${Date.now()}`;
		await cleaner.getByLabel('First day').fill(day);
		await cleaner.getByLabel('Last day').fill(day);
		await cleaner.getByLabel('Reason').fill(reason);
		await ask.click();
		await cleaner.getByText('Sent to the office').waitFor();
		const mine = cleaner.locator('[data-time-off]', { hasText: reason });
		await mine.getByText('Pending', { exact: true }).waitFor();

		const [row] = await sql`
			SELECT t.id, t.status, t.starts_at, t.ends_at, t.staff_id FROM staff_time_off t
			WHERE t.reason = ${reason}`;
		expect(row.status).toBe('requested');
		const [{ n }] = await sql`
			SELECT count(*)::int AS n FROM appointments WHERE staff_id = ${row.staff_id}
				AND status NOT IN ('cancelled', 'expired')
				AND start_time < ${row.ends_at} AND end_time > ${row.starts_at}`;
		expect(n).toBeGreaterThan(0);

		const card = office.locator(`[data-time-off="${row.id}"]`);
		await card.getByText(reason).waitFor({ timeout: 10_000 });
		await card.locator(`[data-clashes="${n}"]`).waitFor({ timeout: 10_000 });
		const approve = card.getByRole('button', {
			name: `Approve (${n === 1 ? '1 booked job' : `${n} booked jobs`} clash)`
		});
		await approve.click();

		await mine.getByText('Approved', { exact: true }).waitFor({ timeout: 10_000 });
		await expect.poll(async () => (await mine.getAttribute('data-status')) ?? '').toBe('approved');
		await office
			.locator(`li[data-time-off="${row.id}"][data-status="approved"]`)
			.waitFor({ timeout: 10_000 });
		const busy = await sql`SELECT source FROM staff_busy WHERE id = ${row.id}`;
		expect(busy.map((b) => b.source)).toEqual(['time_off']);
		// Approved time off is no longer the cleaner's to withdraw.
		expect(await mine.getByRole('button', { name: 'Withdraw request' }).count()).toBe(0);
		await Promise.all([office.context().close(), cleaner.context().close()]);
	});

	it('names the wrong field, lets the cleaner withdraw a pending request, and waits for a connection', async () => {
		const page = await signedInPage(browser, 'amira@valclean.test');
		await page.goto(`${inject('appUrl')}/field/schedule`);
		const ask = await askWhenConnected(page);
		// No horizontal scroll on a small phone.
		await page.setViewportSize({ width: 360, height: 740 });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);

		const [{ first, last }] = await sql`
			SELECT to_char((now() AT TIME ZONE 'Europe/London')::date + 50, 'YYYY-MM-DD') AS first,
				to_char((now() AT TIME ZONE 'Europe/London')::date + 49, 'YYYY-MM-DD') AS last`;
		await page.getByLabel('First day').fill(first);
		await page.getByLabel('Last day').fill(last);
		await ask.click();
		await page.getByText('The end must be after the start.').waitFor();
		await page.getByText('Say briefly why', { exact: false }).waitFor();

		const reason = `Dentist ${Date.now()}`;
		await page.getByLabel('Last day').fill(first);
		await page.getByLabel('Reason').fill(reason);
		await ask.click();
		const item = page.locator('[data-time-off]', { hasText: reason });
		await item.getByText('Pending', { exact: true }).waitFor();
		// The list shows the request at once, from the phone; the button reads "Sending…" until the
		// server's answer comes back over sync, and stays so if the signal drops before it does.
		await page.getByText('Sent to the office').waitFor({ timeout: 30_000 });
		await expect
			.poll(async () => (await sql`SELECT 1 FROM staff_time_off WHERE reason = ${reason}`).length)
			.toBe(1);
		await item.getByRole('button', { name: 'Withdraw request' }).click();
		await item.waitFor({ state: 'detached' });
		await expect
			.poll(async () => (await sql`SELECT 1 FROM staff_time_off WHERE reason = ${reason}`).length)
			.toBe(0);

		await page.context().setOffline(true);
		await page.getByText('Needs a connection', { exact: false }).waitFor({ timeout: 30_000 });
		expect(await ask.isDisabled()).toBe(true);
		await page.context().setOffline(false);
		await askWhenConnected(page);
		await page.context().close();
	});
});
