import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, signedInPage } from './browser.ts';

// The customer's booking flow in a real browser, on a phone-sized screen: service, postcode, a
// live slot list worked out on the device, details, payment with the local driver, the booking
// page with its calendar file, and cancelling from the link.

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

async function phonePage() {
	const context = await browser.newContext({
		locale: 'en-GB',
		timezoneId: 'Europe/London',
		viewport: { width: 360, height: 740 }
	});
	const page = await context.newPage();
	await page.goto(`${inject('appUrl')}/book`);
	await page.waitForLoadState('networkidle');
	return page;
}

/** Service, postcode, then (optionally) one named cleaner; returns once the days are listed. */
async function chooseServiceAndPostcode(page: Page, cleaner?: 'first') {
	await page.getByRole('radio', { name: new RegExp(SERVICE) }).check();
	await page.getByLabel('Postcode of the address to clean').fill('n16 9pd');
	await page.getByText('We clean at N16 9PD.').waitFor();
	if (cleaner) {
		const named = page.getByRole('group', { name: 'Cleaner' }).getByRole('radio');
		if ((await named.count()) > 1) await named.nth(1).check();
	}
	await page.getByRole('radiogroup', { name: 'Day' }).waitFor();
}

/**
 * The first day a week or more ahead (the demo diary is full nearer) with at least two free
 * times: a booking moved within its day needs a time other than its own. With `date`, that day.
 */
async function chooseFreeDay(page: Page, date?: string) {
	const days = page.getByRole('radiogroup', { name: 'Day' }).getByRole('radio');
	await expect.poll(() => days.first().textContent(), { timeout: 15_000 }).toMatch(/free|Full/);
	if (date) return page.locator(`[data-date="${date}"]`).click();
	const count = await days.count();
	for (let i = 6; i < count; i++) {
		const free = await days.nth(i).locator('small').textContent();
		if (/^([2-9]|\d{2,}) free$/.test(free ?? '')) {
			await days.nth(i).click();
			return;
		}
	}
	throw new Error('no day with free times in the first fortnight');
}

const slotButtons = (page: Page) =>
	page.getByRole('radiogroup', { name: 'Start time' }).getByRole('radio');

async function fillDetails(page: Page, email: string) {
	await page.getByLabel('Full name').fill('Ruth Okoye');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Mobile or phone number').fill('07700 900456');
	await page.getByLabel('Address line 1').fill('3 Albion Road');
	await page.getByLabel('Town or city').fill('London');
	await page.getByLabel(/Access notes/).fill('Key safe by the door, code 4821');
	await page.getByLabel(/Parking for your cleaner/).selectOption('Driveway or car park');
}

describe('booking a clean', () => {
	it('goes from service to a paid, confirmed booking, then cancels it from the link', async () => {
		const page = await phonePage();
		await chooseServiceAndPostcode(page);
		await chooseFreeDay(page);
		await slotButtons(page).first().click();
		await expect.poll(() => page.getByRole('status').filter({ hasText: 'Total' }).count()).toBe(1);
		await fillDetails(page, `ruth.${Date.now()}@example.com`);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);
		await page.getByRole('button', { name: 'Book and continue to payment' }).click();

		await page.waitForURL(/\/booking\/[0-9a-f-]{36}\?token=/);
		const id = new URL(page.url()).pathname.split('/')[2];
		await page.getByText('Waiting for payment').waitFor();
		await page.getByText(/Test mode/).waitFor();
		await page.getByRole('button', { name: /^Pay £/ }).click();
		await page.getByText('Confirmed', { exact: true }).waitFor();
		const [booked] = await sql`
			SELECT a.status, ca.payment_status, ca.custom_fields, p.status AS paid
			FROM appointments a JOIN customer_appointments ca ON ca.appointment_id = a.id
			JOIN payments p ON p.customer_appointment_id = ca.id WHERE a.id = ${id}`;
		expect(booked).toMatchObject({ status: 'confirmed', paid: 'succeeded' });
		expect(['deposit_paid', 'paid']).toContain(booked.payment_status);
		expect(booked.custom_fields).toEqual({
			accessNotes: 'Key safe by the door, code 4821',
			parking: 'Driveway or car park'
		});
		await page.getByText('Driveway or car park').waitFor();
		// Nothing on the page is wider than the phone.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);

		const href = await page.getByRole('link', { name: /Add to my calendar/ }).getAttribute('href');
		const ics = await page.request.get(new URL(href!, page.url()).href);
		expect(ics.headers()['content-type']).toContain('text/calendar');
		expect(await ics.text()).toMatch(/BEGIN:VEVENT[\s\S]*DTSTART:\d{8}T\d{6}Z[\s\S]*N16 9PD/);

		const invoice = page.getByRole('link', { name: /^Invoice INV-\d{4}-\d{6} \(PDF\)$/ });
		const pdf = await page.request.get(
			new URL((await invoice.getAttribute('href'))!, page.url()).href
		);
		expect(pdf.headers()['content-type']).toBe('application/pdf');
		expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

		// Later, from the link in the confirmation email, in a browser with no session.
		const link = page.url();
		await page.context().close();
		const later = await (await browser.newContext({ locale: 'en-GB' })).newPage();
		await later.goto(link);
		await later.getByRole('button', { name: 'Cancel this booking' }).click();
		await later.getByRole('button', { name: 'Yes, cancel it' }).click();
		await later.getByText('Your booking is cancelled.').waitFor();
		const [cancelled] = await sql`SELECT status FROM appointments WHERE id = ${id}`;
		expect(cancelled.status).toBe('cancelled');
		await later.context().close();
	});

	it('takes a slot out of the list when someone else books it, without a reload', async () => {
		const [watcher, booker] = await Promise.all([phonePage(), phonePage()]);
		await chooseServiceAndPostcode(watcher, 'first');
		await chooseFreeDay(watcher);
		const chosen = watcher
			.getByRole('group', { name: 'Cleaner' })
			.getByRole('radio', { checked: true });
		const cleaner = (await chosen.count()) ? await chosen.getAttribute('value') : null;
		const time = (await slotButtons(watcher).first().textContent())!.trim();
		const before = await slotButtons(watcher).count();

		// The device's list is the server's: same rule, same data.
		const date = await watcher
			.getByRole('radiogroup', { name: 'Day' })
			.getByRole('radio', { checked: true })
			.getAttribute('data-date');
		const [service] = await sql`SELECT id FROM services WHERE name = ${SERVICE}`;
		const query = new URLSearchParams({ service_id: service.id, date: date!, postcode: 'N16 9PD' });
		if (cleaner && cleaner !== 'any') query.set('staff_id', cleaner);
		const server = await (
			await fetch(`${inject('appUrl')}/api/v1/bookings/available-slots/?${query}`)
		).json();
		const shown = await slotButtons(watcher).allTextContents();
		expect(shown.map((t) => t.trim())).toEqual(
			server.data.slots.map((s: { start_time: string }) => s.start_time.slice(11, 16))
		);

		// The other customer picks the same cleaner, day and time, and books it.
		await chooseServiceAndPostcode(booker, cleaner && cleaner !== 'any' ? 'first' : undefined);
		// The watcher's day by its date: the strip moves on at midnight.
		await chooseFreeDay(booker, date!);
		await slotButtons(booker).filter({ hasText: time }).first().click();
		await fillDetails(booker, `other.${Date.now()}@example.com`);
		await booker.getByRole('button', { name: 'Book and continue to payment' }).click();
		await booker.waitForURL(/\/booking\//);

		await expect
			.poll(() => slotButtons(watcher).filter({ hasText: time }).count(), { timeout: 10_000 })
			.toBe(0);
		expect(await slotButtons(watcher).count()).toBeLessThan(before);
		await Promise.all([watcher.context().close(), booker.context().close()]);
	});

	it('moves a booking to another free time of the same cleaner from the link', async () => {
		const page = await phonePage();
		await chooseServiceAndPostcode(page);
		await chooseFreeDay(page);
		await slotButtons(page).first().click();
		await fillDetails(page, `mover.${Date.now()}@example.com`);
		await page.getByRole('button', { name: 'Book and continue to payment' }).click();
		await page.waitForURL(/\/booking\//);
		const id = new URL(page.url()).pathname.split('/')[2];
		const [before] = await sql`SELECT staff_id, start_time FROM appointments WHERE id = ${id}`;

		await page.getByRole('button', { name: 'Change the time' }).click();
		await chooseFreeDay(page);
		// Its own time counts as free for itself: the list may offer it, so take another.
		const times = slotButtons(page);
		const own = new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Europe/London',
			hour: '2-digit',
			minute: '2-digit'
		}).format(new Date(before.start_time));
		await times.filter({ hasNotText: own }).last().click();
		await page.getByRole('button', { name: /^Move to / }).click();
		await page.getByText('Your booking has moved.').waitFor();
		const [after] = await sql`SELECT staff_id, start_time FROM appointments WHERE id = ${id}`;
		expect(after.staff_id).toBe(before.staff_id);
		expect(Date.parse(after.start_time)).not.toBe(Date.parse(before.start_time));
		const [busy] = await sql`SELECT blocked_from FROM staff_busy WHERE id = ${id}`;
		expect(Date.parse(busy.blocked_from)).toBeLessThanOrEqual(Date.parse(after.start_time));
		await page.context().close();
	});

	it('says plainly when nobody cleans at a postcode, and keeps an email for the office', async () => {
		const page = await phonePage();
		await page.getByRole('radio', { name: new RegExp(SERVICE) }).check();
		await page.getByLabel('Postcode of the address to clean').fill('cf10 1aa');
		await page.getByText('We do not clean at CF10 1AA yet.').waitFor();
		const email = `cardiff.${Date.now()}@example.com`;
		await page.getByLabel(/Leave your email/).fill(email);
		await page.getByRole('button', { name: 'Tell me' }).click();
		await page.getByText(`We will email ${email} when we clean at CF10 1AA.`).waitFor();
		const rows = await sql`SELECT district FROM coverage_requests WHERE email = ${email}`;
		expect(rows).toEqual([{ district: 'CF10' }]);
		await page.context().close();

		const office = await signedInPage(browser, 'admin@valclean.test');
		await office.goto(`${inject('appUrl')}/office/waitlist`);
		await office.getByRole('heading', { name: /CF10/ }).waitFor();
		await office.getByRole('link', { name: email }).waitFor();
		await office.context().close();
	});
});
