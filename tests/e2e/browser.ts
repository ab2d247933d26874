import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { DEMO_PASSWORD } from '../../drizzle/seed/demo-accounts.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.ts';
import { demoTotpSecret, typeTotpCode } from '../support/totp.ts';

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Signs in through the real form in a fresh browser context and returns its page; an account with
 * two-step sign-in (the demo admin, or `totpSecret`) also types a code from its secret.
 */
export async function signedInPage(
	browser: Browser,
	email: string,
	password = DEMO_PASSWORD,
	totpSecret = demoTotpSecret(email),
	/** Another stack's app (a spec with a stack of its own); the shared one by default. */
	appUrl: string = inject('appUrl')
): Promise<Page> {
	const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
	const page = await context.newPage();
	await page.goto(`${appUrl}/sign-in`);
	// Let the page finish starting (SvelteKit hydrates after its modules load) before typing, so
	// nothing typed is lost to hydration and the test acts like a person, not a race.
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => url.pathname !== '/sign-in');
	if (new URL(page.url()).pathname === '/sign-in/code') {
		if (!totpSecret) throw new Error(`${email} needs a TOTP code: pass its secret`);
		await typeTotpCode(page, totpSecret);
	}
	return page;
}
