import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, invoices, users } from '../../drizzle/schema.ts';
import { officeUser, seedOfficeFixture, type Fixture } from '../../tests/support/office-fixture.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { closeDatabase } from '../db/client.ts';
import {
	apiCustomerAppointments,
	apiCustomerInvoices,
	apiGetProfile,
	apiPutProfile
} from './customer-account.ts';

// The signed-in customer's own account over REST: Cara of tests/support/office-fixture.ts (a1, a4,
// a8) with an account and one invoice, and Hal, who signed up and never booked.

let pg: TestDatabase;
let f: Fixture;
let cara: SessionUser;
let hal: SessionUser;
let boss: SessionUser;

const url = (path: string) => new URL(`http://test/api/v1/customers/${path}`);
const put = (body: unknown) =>
	new Request('http://test/api/v1/customers/profile/', {
		method: 'PUT',
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
async function body(response: Response | Promise<Response>) {
	const r = await response;
	return { status: r.status, json: await r.json() };
}

beforeAll(async () => {
	pg = await startTestDatabase();
	process.env.DATABASE_URL = pg.url;
	f = await seedOfficeFixture(pg.db);
	const made = await pg.db
		.insert(users)
		.values([
			{ email: 'cara@example.com', username: 'cara', name: 'Cara', role: 'customer' },
			{ email: 'hal@example.com', username: 'hal', name: 'Hal', role: 'customer' }
		])
		.returning();
	[cara, hal] = made;
	await pg.db
		.update(customers)
		.set({ userId: cara.id, phone: '07700 900111', addressLine1: '1 Church St', city: 'London' })
		.where(eq(customers.id, f.customers.cara.id));
	await pg.db.insert(invoices).values({
		customerId: f.customers.cara.id,
		customerAppointmentId: f.booking.a1,
		invoiceNumber: 'INV-0001',
		totalAmount: 5000,
		status: 'paid'
	});
	boss = await officeUser(pg.db, 'boss', 'admin');
}, 60_000);

afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
});

describe('GET /api/v1/customers/…', () => {
	it("answers the customer's own profile, bookings and invoices", async () => {
		const profile = await body(apiGetProfile(cara, url('profile/')));
		expect(profile.json.data).toEqual({
			email: 'cara@example.com',
			name: 'Cara',
			phone: '07700 900111',
			address_line1: '1 Church St',
			address_line2: '',
			city: 'London',
			postcode: 'N16 9PD'
		});
		const list = await body(apiCustomerAppointments(cara, url('appointments/')));
		expect(list.json.data.appointments.map((a: { id: string }) => a.id)).toEqual([
			f.appointment.a1,
			f.appointment.a4,
			f.appointment.a8
		]);
		expect(list.json.data.appointments[0]).toMatchObject({
			start_time: '2026-04-27T09:00:00.000Z',
			status: 'completed',
			service: 'Regular clean',
			total_price: 5000
		});
		const bills = await body(apiCustomerInvoices(cara, url('invoices/')));
		expect(bills.json.data.invoices).toEqual([
			{
				number: 'INV-0001',
				total: 5000,
				status: 'paid',
				appointment_id: f.appointment.a1,
				pdf_url: `/booking/${f.appointment.a1}/invoice.pdf`
			}
		]);
	});

	it('answers an account that never booked with empty lists and its own name', async () => {
		expect((await body(apiGetProfile(hal, url('profile/')))).json.data).toMatchObject({
			email: 'hal@example.com',
			name: 'Hal',
			postcode: ''
		});
		expect((await body(apiCustomerAppointments(hal, url('appointments/')))).json.data).toEqual({
			appointments: []
		});
		expect((await body(apiCustomerInvoices(hal, url('invoices/')))).json.data).toEqual({
			invoices: []
		});
	});

	it('refuses anonymous callers (401), office users (403) and query parameters (422)', async () => {
		expect((await apiGetProfile(null, url('profile/'))).status).toBe(401);
		expect((await apiCustomerInvoices(null, url('invoices/'))).status).toBe(401);
		expect((await apiCustomerAppointments(boss, url('appointments/'))).status).toBe(403);
		const extra = await body(apiCustomerAppointments(cara, url('appointments/?page=2')));
		expect(extra.status).toBe(422);
		expect(Object.keys(extra.json.error.details)).toEqual(['page']);
	});
});

describe('PUT /api/v1/customers/profile/', () => {
	const details = {
		name: 'Hal Jones',
		phone: '+44 7700 900222',
		address_line1: '2 Mill Lane',
		city: 'Cardiff',
		postcode: 'cf101aa'
	};

	it('saves the profile, making the customer record of an account that never booked', async () => {
		const saved = await body(apiPutProfile(hal, url('profile/'), put(details)));
		expect(saved.status).toBe(200);
		expect(saved.json.data).toEqual({
			email: 'hal@example.com',
			name: 'Hal Jones',
			phone: '+447700900222',
			address_line1: '2 Mill Lane',
			address_line2: '',
			city: 'Cardiff',
			postcode: 'CF10 1AA'
		});
		const [row] = await pg.db.select().from(customers).where(eq(customers.userId, hal.id));
		expect(row).toMatchObject({ email: 'hal@example.com', postcode: 'CF10 1AA' });
	});

	it('names each bad or unknown field, and saves nothing', async () => {
		const bad = await body(
			apiPutProfile(
				cara,
				url('profile/'),
				put({ ...details, phone: '12', postcode: 'nowhere', email: 'x@example.com' })
			)
		);
		expect(bad.status).toBe(422);
		expect(Object.keys(bad.json.error.details).sort()).toEqual(['email']);
		const invalid = await body(
			apiPutProfile(cara, url('profile/'), put({ ...details, phone: '12', postcode: 'nowhere' }))
		);
		expect(invalid.status).toBe(422);
		expect(Object.keys(invalid.json.error.details).sort()).toEqual(['phone', 'postcode']);
		const [row] = await pg.db.select().from(customers).where(eq(customers.userId, cara.id));
		expect(row).toMatchObject({ name: 'Cara', phone: '07700 900111', postcode: 'N16 9PD' });
		expect((await apiPutProfile(cara, url('profile/'), put('not json'))).status).toBe(400);
		expect((await apiPutProfile(null, url('profile/'), put(details))).status).toBe(401);
		expect((await apiPutProfile(boss, url('profile/'), put(details))).status).toBe(403);
	});
});
