import type { Browser } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, signedInPage } from './browser.ts';

// A cleaner's calendar feed in the real app: made at /calendar-feed and shown once, read by a
// calendar app with no session (plain fetch), holding their own jobs and not another cleaner's,
// and gone (404) once revoked.

let browser: Browser;
let sql: postgres.Sql;

const app = (path: string) => `${inject('appUrl')}${path}`;

beforeAll(async () => {
	browser = await launchBrowser();
	sql = postgres(inject('databaseUrl'), { max: 1 });
});

afterAll(async () => {
	await browser?.close();
	await sql?.end();
});

/** A job in the feed's window (not cancelled or expired) of the cleaner signed in as this email. */
async function jobOf(email: string, mine: boolean) {
	const [row] = await sql`
		SELECT a.id FROM appointments a JOIN staff s ON s.id = a.staff_id
		LEFT JOIN users u ON u.id = s.user_id
		WHERE (u.email = ${email}) = ${mine} AND a.status NOT IN ('cancelled', 'expired')
		  AND a.start_time BETWEEN now() - interval '20 days' AND now() + interval '20 days'
		ORDER BY a.start_time LIMIT 1`;
	if (!row) throw new Error(`no job ${mine ? 'of' : 'not of'} ${email} in the window`);
	return row.id as string;
}

describe('calendar feed', () => {
	it("is made once-shown, serves the cleaner's jobs without a session, and 404s once revoked", async () => {
		const email = 'amira@valclean.test';
		const page = await signedInPage(browser, email);
		await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
		// Found from the cleaner's schedule page.
		await page.goto(app('/field/schedule'));
		await page.getByRole('link', { name: "Your jobs in your phone's calendar" }).click();
		await page.waitForURL(app('/calendar-feed'));
		await page.getByRole('heading', { name: 'Calendar feed', level: 2 }).waitFor();
		await page.waitForLoadState('networkidle');

		await page.getByRole('button', { name: /Make (my|a new) feed URL/ }).click();
		const https = page.locator('output[data-feed-url="https"]');
		await https.waitFor();
		const url = (await https.textContent())!.trim();
		expect(url).toMatch(new RegExp(`^${app('/calendar/')}[a-z2-7]{52}\\.ics$`));
		const webcal = (await page.locator('output[data-feed-url="webcal"]').textContent())!.trim();
		expect(webcal).toBe(url.replace(/^https?:/, 'webcal:'));
		await page.locator('p', { has: https }).getByRole('button', { name: 'Copy' }).click();
		await page.getByRole('button', { name: 'Copied' }).waitFor();
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

		// A calendar app: no cookie.
		const feed = await fetch(url);
		expect(feed.status).toBe(200);
		expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		expect(feed.headers.get('cache-control')).toBe('private, no-store');
		const ics = await feed.text();
		expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
		expect(ics).toContain(`UID:${await jobOf(email, true)}@valclean`);
		expect(ics).not.toContain(`UID:${await jobOf(email, false)}@valclean`);

		// Shown once: after a reload the page says a feed exists, without its URL.
		await page.reload();
		await page.locator('[data-feed-live]').waitFor();
		expect(await page.locator('output[data-feed-url]').count()).toBe(0);

		await page.getByRole('button', { name: 'Revoke the feed' }).click();
		await page.getByText('Your feed is revoked').waitFor();
		const gone = await fetch(url);
		expect(gone.status).toBe(404);
		expect(await fetch(app('/calendar/unknowntoken.ics')).then((r) => r.status)).toBe(404);
		await page.context().close();
	});
});
