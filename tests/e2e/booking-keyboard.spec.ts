import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser.ts';

// The whole booking by keyboard alone, as someone who cannot use a mouse books: Tab to each
// control (its accessible name is what a screen reader says), arrows and Space to choose, Enter
// to press. Errors must be announced (role=alert) next to the field they belong to.

let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
});

/** What a screen reader would call the focused element: its label, aria-label or text. */
function focusedName(page: Page) {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return '';
		const input = el as HTMLInputElement;
		const label = input.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? '';
		return `${el.getAttribute('role') ?? el.tagName.toLowerCase()}: ${(label || el.textContent || '').trim()}`;
	});
}

/** Presses Tab until the focused control's name matches (at most `limit` presses). */
async function tabTo(page: Page, name: RegExp, limit = 80) {
	for (let i = 0; i < limit; i++) {
		if (name.test(await focusedName(page))) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Tab never reached ${name} (last: ${await focusedName(page)})`);
}

describe('booking by keyboard', () => {
	it('reaches and works every step without a mouse, with errors announced by their fields', async () => {
		const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
		const page = await context.newPage();
		await page.goto(`${inject('appUrl')}/book`);
		await page.waitForLoadState('networkidle');

		await tabTo(page, /^input: .*Regular clean, 2 hours/);
		await page.keyboard.press('Space');
		await tabTo(page, /^input: Postcode of the address to clean/);
		await page.keyboard.type('N16 9PD');
		await page.getByText('We clean at N16 9PD.').waitFor();

		// The second day with free times (the first one's first time can fall under the minimum
		// notice as the minutes pass), then its first time.
		await tabTo(page, /^radio: .*\d+ free/);
		await page.keyboard.press('Tab');
		await tabTo(page, /^radio: .*\d+ free/);
		await page.keyboard.press('Enter');
		await tabTo(page, /^radio: \d\d:\d\d$/);
		await page.keyboard.press('Enter');

		// Submitting with nothing filled in: each error is announced beside its field.
		await tabTo(page, /^button: Book and continue to payment/);
		await page.keyboard.press('Enter');
		const nameError = page.locator('#field-name-error');
		await nameError.waitFor();
		expect(await nameError.getAttribute('role')).toBe('alert');
		expect(await page.getByLabel('Full name').getAttribute('aria-describedby')).toContain(
			'field-name-error'
		);

		await tabTo(page, /^input: Full name/, 120);
		await page.keyboard.type('Kemi Adebayo');
		await page.keyboard.press('Tab');
		await page.keyboard.type(`kemi.${Date.now()}@example.com`);
		await tabTo(page, /^input: Mobile or phone number/);
		await page.keyboard.type('07700 900654');
		await tabTo(page, /^input: Address line 1/);
		await page.keyboard.type('8 Albion Road');
		await tabTo(page, /^input: Town or city/);
		await page.keyboard.type('London');
		await tabTo(page, /^button: Book and continue to payment/);
		await page.keyboard.press('Enter');

		await page.waitForURL(/\/booking\//);
		await page.getByRole('button', { name: /^Pay £/ }).waitFor();
		await tabTo(page, /^button: Pay £/);
		await page.keyboard.press('Enter');
		await page.getByText('Confirmed', { exact: true }).waitFor();
		await context.close();
	});
});
