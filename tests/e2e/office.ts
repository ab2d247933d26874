import type { Browser, Locator } from 'playwright-core';
import { inject } from 'vitest';
import { signedInPage } from './browser.ts';

/** A booking's card on its office page, opened by a fresh admin once the page is live. */
export async function officeBookingCard(browser: Browser, id: string): Promise<Locator> {
	const office = await signedInPage(browser, 'admin@valclean.test');
	await office.goto(`${inject('appUrl')}/office/bookings/${id}`);
	await office.getByText('Live', { exact: true }).waitFor();
	const card = office.locator(`[data-appointment="${id}"]`);
	await card.waitFor({ timeout: 10_000 });
	return card;
}
