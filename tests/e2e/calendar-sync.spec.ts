import { join } from 'node:path';
import Database from '@rocicorp/zero-sqlite3';
import type { Browser } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGoogleCalendar, type FakeGoogleCalendar } from '../fakes/google-calendar.ts';
import { openCredentials } from '../../server/calendar/tokens.ts';
import { FAKE_GOOGLE_CLIENT, useFakeGoogle } from '../support/calendar-connect.ts';
import { startTestStack } from '../support/stack.ts';
import { launchBrowser, signedInPage } from './browser.ts';

// Connecting Google Calendar in a real browser, on a stack of its own pointed at the Google fake
// (its consent page grants at once): a cleaner connects from the Calendars page, chooses the
// calendar, and their upcoming jobs appear in it through the stack's own worker. When Google
// stops letting us in, the cleaner and the office are told on screen, and reconnecting mends it.

const CLEANER = 'amira@valclean.test';
let google: FakeGoogleCalendar;
let forgetFake: (() => void) | undefined;
let stack: Awaited<ReturnType<typeof startTestStack>>;
let browser: Browser;
let sql: postgres.Sql;

async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined) {
	const until = Date.now() + 30_000;
	for (;;) {
		const found = await probe();
		if (found !== undefined) return found;
		if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

beforeAll(async () => {
	google = await startFakeGoogleCalendar(FAKE_GOOGLE_CLIENT);
	google.consentAs(CLEANER);
	forgetFake = useFakeGoogle(google);
	stack = await startTestStack('start');
	browser = await launchBrowser();
	sql = postgres(stack.databaseUrl, { max: 2 });
});

afterAll(async () => {
	forgetFake?.();
	await browser?.close();
	await sql?.end();
	await stack?.stop();
	await google?.close();
});

describe('calendar sync in the app', () => {
	it('connects, fills the calendar with the jobs ahead, and says so when the grant is revoked', async () => {
		const page = await signedInPage(browser, CLEANER, undefined, undefined, stack.appUrl);
		await page.goto(`${stack.appUrl}/calendar-feed`);
		await page.getByRole('link', { name: 'Connect Google Calendar' }).click();
		// Off to the (fake) consent page and back, then the choice of calendar: the main one is
		// ticked, the read-only holidays calendar is not offered.
		const choice = page.locator('form[data-choose-calendar]');
		await choice.waitFor();
		await expect.poll(() => choice.getByRole('radio').count()).toBe(1);
		expect(await choice.getByRole('radio', { name: `${CLEANER} (main)` }).isChecked()).toBe(true);
		await page.getByRole('button', { name: 'Use this calendar' }).click();
		await page.locator('[data-sync-connected]').getByText(`as ${CLEANER}`).waitFor();

		// The jobs ahead when the resync ran: a job that ended in the seconds between it and this
		// query is still in the calendar, so the ones ending within the last ten minutes may be too.
		const jobs = await sql`
			SELECT a.id, a.end_time > now() + interval '10 minutes' AS ahead
			FROM appointments a JOIN staff s ON s.id = a.staff_id
			JOIN users u ON u.id = s.user_id
			WHERE u.email = ${CLEANER} AND a.end_time > now() - interval '10 minutes'
				AND a.status NOT IN ('cancelled', 'expired')`;
		const ahead = jobs.filter((j) => j.ahead).map((j) => j.id as string);
		const maybe = new Set(jobs.map((j) => j.id as string));
		expect(ahead.length).toBeGreaterThan(0);
		const pushed = () =>
			google
				.liveEvents(CLEANER)
				.map((e) => e.extendedProperties?.private?.valcleanAppointment)
				.filter((id): id is string => Boolean(id));
		await eventually('every job ahead in the calendar', () =>
			ahead.every((id) => pushed().includes(id)) ? true : undefined
		);
		expect(pushed().filter((id) => !maybe.has(id))).toEqual([]);
		expect(new Set(pushed()).size).toBe(pushed().length);
		await grantStaysOnTheServer();

		// Google stops letting us in; the next sync finds out.
		google.revoke(CLEANER);
		await page.getByRole('button', { name: 'Sync now' }).click();
		await eventually('the connection to be marked broken', async () => {
			const [row] = await sql`SELECT status FROM calendar_credentials c
				JOIN users u ON u.id = c.user_id WHERE u.email = ${CLEANER}`;
			return row?.status === 'broken' ? true : undefined;
		});
		await page.goto(`${stack.appUrl}/field/schedule`);
		await page.locator('[data-calendar-broken]').waitFor();
		const office = await signedInPage(
			browser,
			'admin@valclean.test',
			undefined,
			undefined,
			stack.appUrl
		);
		await office.goto(`${stack.appUrl}/office`);
		const banner = office.locator('[data-calendars-broken]');
		await banner.waitFor();
		expect(await banner.textContent()).toContain('Google Calendar');

		// Reconnecting mends it.
		await page.goto(`${stack.appUrl}/calendar-feed`);
		await page.locator('[data-sync-broken]').waitFor();
		await page.getByRole('link', { name: 'Reconnect Google Calendar' }).click();
		await page.getByRole('button', { name: 'Use this calendar' }).click();
		await page.locator('[data-sync-connected]').waitFor();
		await office.reload();
		await office.getByRole('navigation').first().waitFor();
		expect(await office.locator('[data-calendars-broken]').count()).toBe(0);
	});
});

/** The grant, sealed or not, and what was pushed where, never reach zero-cache's replica file. */
async function grantStaysOnTheServer() {
	const [row] = await sql`SELECT access_token, refresh_token, expires_at FROM calendar_credentials`;
	const sealed = [row.access_token, row.refresh_token].filter(Boolean) as string[];
	const grant = openCredentials({
		accessToken: row.access_token,
		refreshToken: row.refresh_token,
		expiresAt: row.expires_at
	})!;
	const secrets = [...sealed, grant.refreshToken, grant.accessToken ?? grant.refreshToken];
	const replica = new Database(join(stack.dataDir, 'zero', 'replica.db'), { readonly: true });
	try {
		const tables = replica
			.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
			.all()
			.map((r) => (r as { name: string }).name);
		expect(tables).toContain('appointments');
		for (const serverOnly of ['calendar_credentials', 'calendar_events', 'calendar_busy'])
			expect(tables).not.toContain(serverOnly);
		for (const table of tables)
			for (const found of replica.prepare(`SELECT * FROM "${table}"`).all())
				for (const value of Object.values(found as Record<string, unknown>))
					if (typeof value === 'string')
						for (const secret of secrets) expect(value).not.toContain(secret);
	} finally {
		replica.close();
	}
}
