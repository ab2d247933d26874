import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakePayPal, type FakePayPal } from '../fakes/paypal.ts';
import { startTestStack } from '../support/stack.ts';
import { launchBrowser } from './browser.ts';
import { guestBooking } from './slots.ts';

// Paying with PayPal in a real browser, on a stack of its own with PayPal's keys set and the
// driver pointed at the local fake of PayPal's API, whose approve page stands in for PayPal's:
// the customer leaves for PayPal, approves, and comes back to a confirmed booking. No Stripe keys
// here, so the card beside it is the local test driver.

const PAYPAL_ENV = [
	'PAYPAL_CLIENT_ID',
	'PAYPAL_CLIENT_SECRET',
	'PAYPAL_WEBHOOK_ID',
	'PAYPAL_API_BASE'
];
const CLIENT = { clientId: 'AVe2eClientId', clientSecret: 'EFe2eClientSecret' };
const WEBHOOK_ID = '8PT597110X687430LKGECATA';
let fake: FakePayPal;
let stack: Awaited<ReturnType<typeof startTestStack>>;
let browser: Browser;
let sql: postgres.Sql;

beforeAll(async () => {
	fake = await startFakePayPal(CLIENT);
	Object.assign(process.env, {
		PAYPAL_CLIENT_ID: CLIENT.clientId,
		PAYPAL_CLIENT_SECRET: CLIENT.clientSecret,
		PAYPAL_WEBHOOK_ID: WEBHOOK_ID,
		PAYPAL_API_BASE: fake.url
	});
	stack = await startTestStack('start');
	browser = await launchBrowser();
	sql = postgres(stack.databaseUrl, { max: 2 });
});

afterAll(async () => {
	for (const name of PAYPAL_ENV) delete process.env[name];
	await browser?.close();
	await sql?.end();
	await stack?.stop();
	await fake?.close();
});

/** A held guest booking (REST), opened on its own page as the customer's link does. */
async function heldBooking(from: number): Promise<{ page: Page; id: string; token: string }> {
	const [service] = await sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
	const { id, cancellation_token: token } = await guestBooking(
		service.id,
		from,
		{ name: 'Kofi Boateng', email: `kofi.${Date.now()}@example.com` },
		stack.appUrl
	);
	const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
	await page.goto(`${stack.appUrl}/booking/${id}?token=${token}`);
	return { page, id, token };
}

const stateOf = async (id: string) =>
	(
		await sql`
		SELECT a.status, ca.payment_status, p.status AS payment, p.payment_method, p.transaction_id,
			p.amount, p.gateway_response
		FROM appointments a JOIN customer_appointments ca ON ca.appointment_id = a.id
		LEFT JOIN payments p ON p.customer_appointment_id = ca.id AND p.payment_method = 'paypal'
		WHERE a.id = ${id}`
	)[0];

describe('paying with PayPal', () => {
	it('leaves for PayPal’s approve page and comes back to a confirmed booking', async () => {
		const { page, id, token } = await heldBooking(8);
		await page.getByRole('button', { name: 'Pay with PayPal' }).click();
		await page.waitForURL(`${fake.url}/checkoutnow?**`);
		await page.getByText('PayPal (fake)').waitFor();
		await page.getByRole('button', { name: 'Pay now' }).click();
		await page.waitForURL(`${stack.appUrl}/booking/${id}?**`);
		await page.getByText('Paid with PayPal: thank you.').waitFor();
		await page.getByText('Confirmed', { exact: true }).waitFor();
		expect(new URL(page.url()).searchParams.get('token')).toBe(token);

		const paid = await stateOf(id);
		expect(paid).toMatchObject({
			status: 'confirmed',
			payment_status: 'paid',
			payment: 'succeeded',
			payment_method: 'paypal'
		});
		const order = fake.orders.get(paid.transaction_id)!;
		expect(order.status).toBe('COMPLETED');
		const capture = order.purchase_units[0].payments!.captures[0];
		expect(paid.gateway_response.capture_id).toBe(capture.id);

		// PayPal's event about the same capture, through the app's real route: verified, no second effect.
		const webhook = `${stack.appUrl}/api/v1/payments/paypal/webhook/`;
		const event = fake.event('PAYMENT.CAPTURE.COMPLETED', capture.id);
		const first = await fake.deliver(webhook, event, WEBHOOK_ID);
		expect((await first.json()).data).toMatchObject({ outcome: 'unchanged' });
		const replay = await fake.deliver(webhook, event, WEBHOOK_ID);
		expect((await replay.json()).data).toMatchObject({ outcome: 'duplicate' });
		// And one signed for another webhook is refused.
		const forged = await fake.deliver(
			webhook,
			fake.event('PAYMENT.CAPTURE.COMPLETED', capture.id),
			'WH-OTHER'
		);
		expect(forged.status).toBe(400);
		expect(await stateOf(id)).toEqual(paid);
		await page.context().close();
	});

	it('comes back from PayPal unpaid when the customer cancels there, still held', async () => {
		const { page, id } = await heldBooking(9);
		await page.getByRole('button', { name: 'Pay with PayPal' }).click();
		await page.getByRole('button', { name: 'Cancel and return' }).click();
		await page.waitForURL(`${stack.appUrl}/booking/${id}?**`);
		await page.getByText('You came back from PayPal without paying.', { exact: false }).waitFor();
		await page.getByRole('button', { name: 'Pay with PayPal' }).waitFor();
		expect(await stateOf(id)).toMatchObject({ status: 'pending', payment: 'pending' });
		await page.context().close();
	});
});
