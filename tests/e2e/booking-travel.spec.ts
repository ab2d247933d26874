import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localClock } from '../../sync/domain/working-hours.ts';
import { launchBrowser } from './browser.ts';

// The booking page's live slot list keeps only times the cleaner can reach: the device works out
// overlap-free times from Zero, and the server's travel answer (asked again as Zero's busy spans
// change) takes out a time right after a job elsewhere, which the device alone would still offer.

let browser: Browser;
let sql: postgres.Sql;
const SERVICE = 'Regular clean, 2 hours';

beforeAll(async () => {
	browser = await launchBrowser();
	sql = postgres(inject('databaseUrl'), { max: 2 });
});

afterAll(async () => {
	await browser?.close();
	await sql?.end();
});

const slotButtons = (page: Page) =>
	page.getByRole('radiogroup', { name: 'Start time' }).getByRole('radio');
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const clockOf = (m: number) =>
	`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

describe('travel on the booking page', () => {
	it('does not offer a time from which the cleaner cannot reach their next job, though it is free', async () => {
		// Amira travels slowly for this test (3 km/h, as if on foot): Walthamstow (E17) → N16 is then
		// 130 min instead of 20, so a job in E17 in the afternoon takes out the late-morning times.
		const [{ id: staffId }] = await sql`SELECT id FROM staff WHERE email = 'amira@valclean.test'`;
		await sql`UPDATE staff_travel SET speed_kmh = 3 WHERE staff_id = ${staffId}`;
		const context = await browser.newContext({
			locale: 'en-GB',
			timezoneId: 'Europe/London',
			viewport: { width: 360, height: 740 }
		});
		let booked: string | null = null;
		try {
			const page = await context.newPage();
			await page.goto(`${inject('appUrl')}/book`);
			await page.getByRole('radio', { name: new RegExp(SERVICE) }).check();
			await page.getByLabel('Postcode of the address to clean').fill('n16 9pd');
			await page.getByText('We clean at N16 9PD.').waitFor();
			await page.getByRole('radio', { name: 'Amira Haddad' }).check();
			const [service] = await sql`SELECT * FROM services WHERE name = ${SERVICE}`;
			const [offer] = await sql`
				SELECT duration_override FROM staff_services WHERE staff_id = ${staffId} AND service_id = ${service.id}`;
			const length = offer.duration_override ?? service.duration_minutes;
			const before = service.padding_before_minutes;
			const after = service.padding_after_minutes;

			// A day in the second fortnight, beyond the demo diary (which fills the first), with times
			// on both sides of the day.
			const days = page.getByRole('radiogroup', { name: 'Day' }).getByRole('radio');
			await expect.poll(() => days.first().textContent(), { timeout: 15_000 }).toMatch(/free|Full/);
			const firstFortnight = await days.first().getAttribute('data-date');
			await page.getByRole('button', { name: 'Later' }).click();
			await expect.poll(() => days.first().getAttribute('data-date')).not.toBe(firstFortnight);
			await expect.poll(() => days.first().textContent(), { timeout: 15_000 }).toMatch(/free|Full/);
			let found: { date: string; times: number[] } | null = null;
			for (let i = 1; i < (await days.count()) && !found; i++) {
				if (!/\d+ free/.test((await days.nth(i).textContent()) ?? '')) continue;
				await days.nth(i).click();
				const times = (await slotButtons(page).allTextContents()).map((t) => minutesOf(t.trim()));
				if (times.length >= 3 && times[times.length - 1] - times[0] >= 5 * 60)
					found = { date: (await days.nth(i).getAttribute('data-date'))!, times };
			}
			if (!found) throw new Error('no day in the second fortnight with times five hours apart');

			// Someone in Walthamstow books her last time that day.
			const late = found.times[found.times.length - 1];
			const response = await fetch(`${inject('appUrl')}/api/v1/bookings/`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					service_id: service.id,
					start_time: new Date(localClock(found.date, 'Europe/London')(late)).toISOString(),
					staff_id: staffId,
					customer: {
						name: 'Wen Li',
						email: `wen.${Date.now()}@example.com`,
						phone: '07700 900654',
						address_line1: '2 Hoe Street',
						city: 'London',
						postcode: 'E17 4AA'
					}
				})
			});
			expect(response.status).toBe(201);
			booked = (await response.json()).data.id;

			// Still shown: the times that end (with padding) 130 min or more before that job's
			// padded start. Gone: the others — some of them free by overlap alone.
			const gap = (t: number) => late - before - (t + length + after);
			const expected = found.times.filter((t) => gap(t) >= 130).map(clockOf);
			const freeButFar = found.times.filter((t) => gap(t) >= 0 && gap(t) < 130);
			expect(freeButFar.length).toBeGreaterThan(0);
			const shown = async () => (await slotButtons(page).allTextContents()).map((t) => t.trim());
			await expect.poll(shown, { timeout: 15_000 }).toEqual(expected);

			// The list is the server's travel-aware one.
			const query = new URLSearchParams({
				service_id: service.id,
				date: found.date,
				postcode: 'N16 9PD',
				staff_id: staffId
			});
			const server = await (
				await fetch(`${inject('appUrl')}/api/v1/bookings/available-slots/?${query}`)
			).json();
			expect(
				server.data.slots.map((s: { start_time: string }) => s.start_time.slice(11, 16))
			).toEqual(expected);
		} finally {
			await context.close();
			await sql`UPDATE staff_travel SET speed_kmh = NULL WHERE staff_id = ${staffId}`;
			if (booked) await sql`UPDATE appointments SET status = 'cancelled' WHERE id = ${booked}`;
		}
	});
});
