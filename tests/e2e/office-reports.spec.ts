import type { Browser } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../drizzle/seed/demo-accounts.ts';
import { launchBrowser, signedInPage } from './browser.ts';
import { officeBookingCard } from './office.ts';
import { guestBooking, londonDate } from './slots.ts';

// The office's reports page (charts beside tables, CSV downloads, revenue only for those who may
// see it) and payments by hand on a booking's card, in the real app against the demo company.

let browser: Browser;
let sql: postgres.Sql;

const app = (path: string) => `${inject('appUrl')}${path}`;

beforeAll(async () => {
	browser = await launchBrowser();
	sql = postgres(inject('databaseUrl'), { max: 2 });
});

afterAll(async () => {
	await browser?.close();
	await sql?.end();
});

describe('reports', () => {
	it('draws each report beside its table and downloads it as CSV', async () => {
		const page = await signedInPage(browser, 'admin@valclean.test');
		const from = londonDate(-60);
		const to = londonDate(0);
		await page.goto(app(`/office/reports?from=${from}&to=${to}`));
		const sections = page.locator('section[data-report]');
		expect(await sections.evaluateAll((s) => s.map((e) => e.getAttribute('data-report')))).toEqual([
			'revenue-weekly',
			'revenue-monthly',
			'bookings-by-service',
			'bookings-by-district',
			'utilisation',
			'cancellations',
			'conversion'
		]);
		// chart.js sizes the canvas once it has drawn on it.
		const canvas = page.locator('section[data-report="bookings-by-service"] canvas');
		await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(0);
		const service = page.locator('section[data-report="bookings-by-service"] table');
		expect(await service.locator('thead th').allTextContents()).toEqual([
			'Service',
			'Bookings',
			'Booked hours'
		]);
		expect(await service.locator('tfoot th').textContent()).toBe('Total');

		// The CSV link carries the filters; the page's own session downloads it.
		const href = await page
			.locator('section[data-report="revenue-weekly"] a[download]')
			.getAttribute('href');
		expect(href).toBe(`/office/reports/revenue-weekly.csv?from=${from}&to=${to}`);
		const csv = await page.request.get(app(href!));
		expect(csv.status()).toBe(200);
		expect(csv.headers()['content-type']).toContain('text/csv');
		const lines = (await csv.text()).trimEnd().split('\r\n');
		expect(lines[0]).toBe('Week from,Received,Refunded,Net revenue');
		expect(lines.at(-1)).toMatch(/^Total,-?\d+\.\d\d,\d+\.\d\d,-?\d+\.\d\d$/);

		// A filter that makes no sense is named, not a crash.
		await page.goto(app(`/office/reports?from=${to}&to=${from}`));
		await page.getByText('The last day must be on or after the first day').waitFor();
		await page.context().close();
	});

	it('shows a manager without see_revenue no revenue, and refuses its CSV', async () => {
		const page = await signedInPage(browser, 'south.manager@valclean.test');
		await page.goto(app('/office/reports'));
		await page.locator('section[data-report="bookings-by-service"]').waitFor();
		expect(await page.locator('section[data-report^="revenue"]').count()).toBe(0);
		const csv = await page.request.get(
			app(`/office/reports/revenue-weekly.csv?from=${londonDate(-7)}&to=${londonDate(0)}`)
		);
		expect(csv.status()).toBe(403);
		await page.context().close();
	});
});

describe('GET /api/v1/admin/reports', () => {
	it('answers a bearer token in the envelope, by the same permission and scope', async () => {
		const login = await fetch(app('/api/v1/auth/login'), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: 'south.manager@valclean.test', password: DEMO_PASSWORD })
		});
		expect(login.status).toBe(200);
		const token: string = (await login.json()).data.access_token;
		const range = `from=${londonDate(-60)}&to=${londonDate(0)}`;
		const get = (query: string, headers: Record<string, string> = {}) =>
			fetch(app(`/api/v1/admin/reports/?${query}`), { headers });
		const bearer = { authorization: `Bearer ${token}` };

		const answer = await get(`report=bookings-by-service&${range}`, bearer);
		expect(answer.status).toBe(200);
		const body = await answer.json();
		expect(body).toMatchObject({
			success: true,
			data: { report: 'bookings-by-service', time_zone: 'Europe/London', location_id: null }
		});
		expect(body.data.columns.map((c: { key: string }) => c.key)).toEqual([
			'service',
			'bookings',
			'minutes'
		]);
		// The south manager's chosen cleaners are fewer than the whole company's.
		const [{ n }] = await sql`
			SELECT count(*)::int AS n FROM customer_appointments ca
			JOIN appointments a ON a.id = ca.appointment_id
			WHERE a.status NOT IN ('cancelled', 'expired')
				AND a.start_time >= ${londonDate(-60)}::date AND a.start_time < ${londonDate(1)}::date`;
		expect(body.data.total.bookings).toBeLessThan(n);

		const revenue = await get(`report=revenue-monthly&${range}`, bearer);
		expect(revenue.status).toBe(403);
		expect((await revenue.json()).error.code).toBe('FORBIDDEN');
		expect((await get(`report=bookings-by-service&${range}`)).status).toBe(401);
		const bad = await get('report=conversion&from=2026-02-30&to=2026-03-01', bearer);
		expect(bad.status).toBe(400);
		expect(Object.keys((await bad.json()).error.details)).toEqual(['from']);
	});
});

describe('payments by hand', () => {
	it('records cash and refunds part of it on the booking card, live', async () => {
		// A booking made in the demo diary's open weeks: the demo admin's office sees everything.
		const [{ id: serviceId }] =
			await sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
		const { id: made } = await guestBooking(serviceId, 10, { name: 'Pat Cash' });
		const card = await officeBookingCard(browser, made);
		const panel = card.getByRole('region', { name: 'Payments' });
		await panel.getByText(/Price £[\d.]+ · paid £0\.00/).waitFor();

		await panel.getByRole('button', { name: 'Record a payment' }).click();
		const form = panel.getByRole('form', { name: 'Record a payment' });
		await form.getByLabel('Amount (£)').fill('20');
		await form.getByLabel('Reference').fill('Paid at the door');
		await form.getByRole('button', { name: 'Record payment' }).click();
		await panel.getByText('Payment recorded').waitFor();
		await panel.getByText(/Cash\s+£20\.00\s+· Paid at the door/).waitFor();
		await panel.getByText(/paid £20\.00/).waitFor();

		await panel.getByRole('button', { name: 'Refund' }).click();
		const refund = panel.getByRole('form', { name: 'Refund' });
		// More than was paid: the server's refusal, shown in the form.
		await refund.getByLabel('Amount (£)').fill('25');
		await refund.getByRole('button', { name: 'Refund' }).click();
		await refund.getByText(/At most £20\.00 can be refunded/).waitFor();
		await refund.getByLabel('Amount (£)').fill('5');
		await refund.getByLabel('Reason').fill('Window missed');
		await refund.getByRole('button', { name: 'Refund' }).click();
		await panel.getByText('Refund made').waitFor();
		await panel.getByText(/refund, Cash\s+−£5\.00\s+· Window missed/).waitFor();
		await panel.getByText(/paid £15\.00 \(after £5\.00 refunded\)/).waitFor();

		const audit = await sql`
			SELECT action FROM audit_log WHERE details->>'appointmentId' = ${made} ORDER BY at`;
		expect(audit.map((a) => a.action)).toEqual(['payments.record', 'payments.refund']);
	});
});
