import type { Browser } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, signedInPage } from './browser.ts';
import { DEFAULT_TRAVEL_SETTINGS, travelMinutes } from '../../sync/domain/travel.ts';
import { ukCentroids } from '../../sync/domain/uk-outcodes.ts';
import { officeBookingCard } from './office.ts';

// The field app's job list: a cleaner sees their own jobs of the next 14 days, with what they need
// at the door, live; nobody else gets in.

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

describe('field app: my jobs', () => {
	it('lists exactly the cleaner’s own jobs of the window, and shows new access notes live', async () => {
		const page = await signedInPage(browser, 'amira@valclean.test');
		await page.waitForURL((url) => url.pathname === '/field');
		await page.locator('[data-job]').first().waitFor();
		const expected = await sql<{ id: string }[]>`
			SELECT a.id FROM appointments a JOIN staff s ON s.id = a.staff_id
			JOIN users u ON u.id = s.user_id
			WHERE u.email = 'amira@valclean.test' AND a.status NOT IN ('cancelled', 'expired')
				AND a.start_time >= date_trunc('day', now() AT TIME ZONE 'Europe/London') AT TIME ZONE 'Europe/London'
				AND a.start_time < now() + interval '14 days'`;
		const shown = await page
			.locator('[data-job]')
			.evaluateAll((els) => els.map((e) => e.getAttribute('data-job')));
		// The window ends at the end of the 14th local day: everything expected is there, nothing else.
		for (const { id } of expected) expect(shown).toContain(id);
		const [{ n }] = await sql`
			SELECT count(*)::int AS n FROM appointments a WHERE a.id IN ${sql(shown as string[])}
			AND a.staff_id <> (SELECT s.id FROM staff s JOIN users u ON u.id = s.user_id
				WHERE u.email = 'amira@valclean.test')`;
		expect(n).toBe(0);

		const id = shown.at(-1)!;
		const note = `Key safe by the bins, code ${Date.now() % 10_000}`;
		await sql`UPDATE customer_appointments
			SET custom_fields = custom_fields || ${sql.json({ accessNotes: note })} WHERE appointment_id = ${id}`;
		await page.locator(`[data-job="${id}"]`).getByText(note).waitFor({ timeout: 10_000 });
		await page.context().close();
	});

	it('shows the trip into each job: the first of a day from home, the others from the job before', async () => {
		const [amira] = await sql`SELECT s.id FROM staff s JOIN users u ON u.id = s.user_id
			WHERE u.email = 'amira@valclean.test'`;
		const [before] = await sql`SELECT home_postcode FROM staff_travel WHERE staff_id = ${amira.id}`;
		// The office sets her home to Walthamstow.
		await sql`INSERT INTO staff_travel (staff_id, home_postcode) VALUES (${amira.id}, 'E17 4AA')
			ON CONFLICT (staff_id) DO UPDATE SET home_postcode = 'E17 4AA'`;
		try {
			const page = await signedInPage(browser, 'amira@valclean.test');
			await page.waitForURL((url) => url.pathname === '/field');
			const day = page.locator('section').first();
			const jobs = day.locator('[data-job]');
			await jobs.first().waitFor();
			const first = await jobs.first().getAttribute('data-job');
			const [{ postcode }] = await sql`SELECT c.postcode FROM customer_appointments ca
				JOIN customers c ON c.id = ca.customer_id WHERE ca.appointment_id = ${first}`;
			const minutes = travelMinutes('E17 4AA', postcode, DEFAULT_TRAVEL_SETTINGS, ukCentroids());
			await jobs
				.first()
				.locator('[data-trip]')
				.getByText(`About ${minutes} min from home`)
				.waitFor({ timeout: 10_000 });
			if ((await jobs.count()) > 1)
				await jobs
					.nth(1)
					.locator('[data-trip]')
					.getByText(/min from the job before/)
					.waitFor();
			await page.context().close();
		} finally {
			if (before)
				await sql`UPDATE staff_travel SET home_postcode = ${before.home_postcode}
				WHERE staff_id = ${amira.id}`;
			else await sql`DELETE FROM staff_travel WHERE staff_id = ${amira.id}`;
		}
	});

	it('keeps customers and the office out', async () => {
		for (const email of ['customer@valclean.test', 'admin@valclean.test']) {
			const page = await signedInPage(browser, email);
			// The field app renders in the browser: its layout data is refused, and the page says why.
			await page.goto(`${inject('appUrl')}/field`);
			await page.getByText('The field app is for cleaners').waitFor();
			expect(await page.locator('[data-job]').count()).toBe(0);
			await page.context().close();
		}
	});

	it('keeps what the cleaner does with no signal on the phone, then sends each event once', async () => {
		const page = await signedInPage(browser, 'amira@valclean.test');
		await page.waitForURL((url) => url.pathname === '/field');
		const first = page.locator('[data-job]').first();
		const id = (await first.getAttribute('data-job'))!;
		await first.getByRole('link').first().click();
		await page.getByRole('button', { name: 'Clock in' }).waitFor();
		await page.waitForLoadState('networkidle');

		await page.context().setOffline(true);
		await page.getByRole('button', { name: 'Clock in' }).click();
		await page.getByText('1 saved on this phone, waiting to be sent', { exact: false }).waitFor();
		await page.getByLabel('Add a note').fill('Side gate was locked; used the front door');
		await page.getByRole('button', { name: 'Save note' }).click();
		await page.getByText('2 saved on this phone, waiting to be sent', { exact: false }).waitFor();
		// What the cleaner sees comes from the phone's own events while offline.
		await page.getByText('In progress', { exact: true }).waitFor();
		await page.getByText('Side gate was locked; used the front door').waitFor();
		expect(await sql`SELECT 1 FROM field_events WHERE job_id = ${id}`).toHaveLength(0);

		await page.context().setOffline(false);
		await page.evaluate(() => dispatchEvent(new Event('online')));
		await page.getByText(/^All synced/).waitFor({ timeout: 15_000 });
		const rows = await sql`SELECT kind FROM field_events WHERE job_id = ${id} ORDER BY hlc`;
		expect(rows.map((r) => r.kind)).toEqual(['clock_in', 'note']);

		await page.getByRole('button', { name: 'Clock out' }).click();
		await page.getByText('Done', { exact: true }).waitFor();
		await expect
			.poll(async () => (await sql`SELECT kind FROM field_events WHERE job_id = ${id}`).length)
			.toBe(3);
		await page.context().close();

		// The office's board folds the same events: the job shows as done there.
		const card = await officeBookingCard(browser, id);
		await card.locator('[data-field-status="done"]').waitFor({ timeout: 10_000 });
		await card.page().context().close();
	});

	it('tells the office about a problem, shown on the job’s card', async () => {
		const page = await signedInPage(browser, 'amira@valclean.test');
		await page.waitForURL((url) => url.pathname === '/field');
		const job = page.locator('[data-job]').nth(1);
		const id = (await job.getAttribute('data-job'))!;
		await job.getByRole('link').first().click();
		await page.getByLabel('What is wrong').selectOption('no_access');
		await page.getByLabel('Details for the office').fill('Nobody home, rang twice');
		await page.getByRole('button', { name: 'Tell the office' }).click();
		await page.getByText('Cannot get in: Nobody home, rang twice').waitFor();
		await page.getByText(/^All synced/).waitFor({ timeout: 15_000 });
		await page.context().close();

		const card = await officeBookingCard(browser, id);
		await card
			.locator('[data-field-status]')
			.getByText('Nobody home, rang twice')
			.waitFor({ timeout: 10_000 });
		await card.page().context().close();
	});
});
