import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGooglePlaces } from '../fakes/google-places.ts';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe.ts';
import { startTestStack } from '../support/stack.ts';
import { launchBrowser } from './browser.ts';
import { guestBooking } from './slots.ts';

// The providers in a real browser, on a stack of its own with their keys set and each vendor SDK
// pointed at its local fake: paying through Stripe (with the fake's stand-in for Stripe.js in the
// page) and finding the address through Google Places.

const PROVIDER_ENV = [
	'STRIPE_SECRET_KEY',
	'STRIPE_PUBLISHABLE_KEY',
	'STRIPE_API_BASE',
	'STRIPE_JS_URL',
	'GOOGLE_PLACES_API_KEY',
	'GOOGLE_PLACES_API_BASE'
];
let fake: FakeStripe;
let places: Awaited<ReturnType<typeof startFakeGooglePlaces>>;
let stack: Awaited<ReturnType<typeof startTestStack>>;
let browser: Browser;
let sql: postgres.Sql;

beforeAll(async () => {
	fake = await startFakeStripe();
	places = await startFakeGooglePlaces('places-key');
	Object.assign(process.env, {
		GOOGLE_PLACES_API_KEY: 'places-key',
		GOOGLE_PLACES_API_BASE: places.url,
		STRIPE_SECRET_KEY: 'sk_test_valclean',
		STRIPE_PUBLISHABLE_KEY: 'pk_test_valclean',
		STRIPE_API_BASE: fake.url,
		STRIPE_JS_URL: `${fake.url}/v3/`
	});
	stack = await startTestStack('start');
	browser = await launchBrowser();
	sql = postgres(stack.databaseUrl, { max: 2 });
});

afterAll(async () => {
	for (const name of PROVIDER_ENV) delete process.env[name];
	await browser?.close();
	await sql?.end();
	await stack?.stop();
	await fake?.close();
	await places?.close();
});

/** A held guest booking (REST), opened on its own page as the customer's link does. */
async function heldBooking(): Promise<{ page: Page; id: string }> {
	const [service] = await sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
	const { id, cancellation_token: token } = await guestBooking(
		service.id,
		8,
		{ name: 'Ada Mensah', email: `ada.${Date.now()}@example.com` },
		stack.appUrl
	);
	const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
	await page.goto(`${stack.appUrl}/booking/${id}?token=${token}`);
	return { page, id };
}

describe('paying by card through Stripe', () => {
	it('says when the card is declined, then confirms the booking with a good card', async () => {
		const { page, id } = await heldBooking();
		await page.getByText('Test mode: use a test card; no money moves.').waitFor();
		// No PayPal keys on this stack: the method is not offered.
		expect(await page.getByRole('button', { name: 'Pay with PayPal' }).count()).toBe(0);
		const card = page.getByLabel('Card number');
		await card.fill('4000 0000 0000 0002');
		await page.getByRole('button', { name: /^Pay £/ }).click();
		await page.getByText('Your card was declined.').waitFor();
		const [held] = await sql`SELECT status FROM appointments WHERE id = ${id}`;
		expect(held.status).toBe('pending');

		await card.fill('4242 4242 4242 4242');
		await page.getByRole('button', { name: /^Pay £/ }).click();
		await page.getByText('Confirmed', { exact: true }).waitFor();
		const [paid] = await sql`
			SELECT a.status, p.status AS payment, p.transaction_id, p.amount
			FROM appointments a JOIN customer_appointments ca ON ca.appointment_id = a.id
			JOIN payments p ON p.customer_appointment_id = ca.id WHERE a.id = ${id}`;
		expect(paid).toMatchObject({ status: 'confirmed', payment: 'succeeded' });
		const intent = fake.intents.get(paid.transaction_id);
		expect(intent).toMatchObject({ status: 'succeeded', amount: paid.amount });
		// The server created the intent with an idempotency key; the browser only confirmed it.
		const created = fake.requests.find((r) => r.path === '/v1/payment_intents');
		expect(created?.idempotencyKey).toMatch(/^booking:/);
		await page.context().close();
	});
});

describe('finding the address', () => {
	it('fills the address lines from a suggestion, and refuses one at another postcode', async () => {
		const page = await (
			await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 740 } })
		).newPage();
		await page.goto(`${stack.appUrl}/book?service=regular-clean-2-hours&postcode=N16%209PD`);
		// The second day with free times: the first one's first time can fall under the minimum
		// notice as the minutes pass.
		await page
			.locator('[data-date]', { hasText: /\d+ free/ })
			.nth(1)
			.click();
		await page.getByRole('radiogroup', { name: 'Start time' }).getByRole('radio').first().click();

		const lookup = page.getByLabel('Find your address');
		await lookup.fill('12 church');
		await page.getByRole('button', { name: '12 Church Street, London N16 0LH, UK' }).click();
		await page
			.getByText(/That address is in N16 0LH, but the times shown are for N16 9PD/)
			.waitFor();
		expect(await page.getByLabel('Address line 1').inputValue()).toBe('');

		await lookup.fill('albion');
		await page.getByRole('button', { name: 'Flat 2, 5 Albion Road, London N16 9PD, UK' }).click();
		await page.getByText('Address filled in below: check it.').waitFor();
		expect(await page.getByLabel('Address line 1').inputValue()).toBe('Flat 2');
		expect(await page.getByLabel(/Address line 2/).inputValue()).toBe('5 Albion Road');
		expect(await page.getByLabel('Town or city').inputValue()).toBe('London');
		await page.context().close();
	});
});
