import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	appointments,
	customerAppointments,
	customers,
	managerCustomers,
	managers,
	users
} from '../../drizzle/schema.ts';
import { eq } from 'drizzle-orm';
import type { AuthContext } from '../../sync/auth.ts';
import {
	at,
	ids,
	officeUser,
	seedOfficeFixture,
	type Fixture
} from '../../tests/support/office-fixture.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { authContextFor } from '../auth/context.ts';
import { closeDatabase } from '../db/client.ts';
import { apiAdminAppointment, apiAdminAppointments } from './admin-appointments.ts';
import { apiAdminCustomer, apiAdminCustomers } from './admin-customers.ts';
import { apiAdminService, apiAdminServices } from './admin-services.ts';
import { apiAdminStaff, apiAdminStaffList } from './admin-staff.ts';

// The office's reads of REST v1 (admin/appointments, staff, customers, services) against the fixed
// company of tests/support/office-fixture.ts: North has Ann (a1 a2 a5 a6 a8), South has Ben
// (a3 a4 a7 a9); Cara, Dev and Eli each booked at both. Added here: Fay, who never booked but is
// listed for the north manager, and Gus, who booked only Ben.

let pg: TestDatabase;
let f: Fixture;
let admin: AuthContext;
let north: AuthContext;
let cleaner: AuthContext;
let customer: AuthContext;
let fay: string;
let gus: string;

const url = (path: string) => new URL(`http://test/api/v1/admin/${path}`);

async function body(response: Response | Promise<Response>) {
	const r = await response;
	return { status: r.status, json: await r.json() };
}

beforeAll(async () => {
	pg = await startTestDatabase();
	process.env.DATABASE_URL = pg.url;
	f = await seedOfficeFixture(pg.db);
	admin = await authContextFor(pg.db, await officeUser(pg.db, 'boss', 'admin'));
	const nina = await officeUser(pg.db, 'nina', 'manager', { locations: [ids.north] });
	const [added] = await pg.db
		.insert(customers)
		.values([
			{ name: 'Fay', email: 'fay@example.com', phone: '07700 900123', postcode: 'N1 9GU' },
			{ name: 'Gus', email: 'gus@example.com', postcode: 'SW1A 2AA' }
		])
		.returning();
	fay = added.id;
	[{ id: gus }] = await pg.db.select().from(customers).where(eq(customers.name, 'Gus'));
	const [m] = await pg.db.select().from(managers).where(eq(managers.userId, nina.id));
	await pg.db.insert(managerCustomers).values({ managerId: m.id, customerId: fay });
	const start = at('2026-06-01T10:00');
	const [a] = await pg.db
		.insert(appointments)
		.values({
			staffId: ids.ben,
			serviceId: ids.regular,
			locationId: ids.south,
			startTime: new Date(start),
			endTime: new Date(start + 7_200_000),
			blockedFrom: new Date(start),
			blockedUntil: new Date(start + 7_200_000),
			status: 'confirmed'
		})
		.returning();
	await pg.db
		.insert(customerAppointments)
		.values({ customerId: gus, appointmentId: a.id, totalPrice: 5000 });
	north = await authContextFor(pg.db, nina);
	const [staffUser] = await pg.db
		.insert(users)
		.values({ email: 'ann.user@example.com', username: 'ann', name: 'Ann', role: 'staff' })
		.returning();
	cleaner = {
		userID: staffUser.id,
		role: 'staff',
		staffID: ids.ann,
		customerID: null,
		office: null,
		permissions: []
	};
	customer = {
		userID: staffUser.id,
		role: 'customer',
		staffID: null,
		customerID: f.customers.cara.id,
		office: null,
		permissions: []
	};
}, 60_000);

afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
});

const keysOf = (json: { data: { items: { id: string }[] } }) => json.data.items.map((i) => i.id);
const A = (...keys: string[]) => keys.map((k) => f.appointment[k]);

describe('GET /api/v1/admin/appointments/', () => {
	it('lists every appointment for an admin, by start time, in pages', async () => {
		const first = await body(apiAdminAppointments(url('appointments/?page_size=4'), admin));
		expect(first.status).toBe(200);
		expect(first.json.data).toMatchObject({ page: 1, page_size: 4, total: 10 });
		expect(keysOf(first.json)).toEqual(A('a1', 'a2', 'a4', 'a3'));
		const third = await body(apiAdminAppointments(url('appointments/?page_size=4&page=3'), admin));
		expect(third.json.data.items).toHaveLength(2);
		expect(third.json.data.items[0].id).toBe(f.appointment.a8);
		const item = first.json.data.items[0];
		expect(item).toMatchObject({
			status: 'completed',
			start_time: '2026-04-27T09:00:00.000Z',
			staff: { id: ids.ann, name: 'Ann' },
			service: { id: ids.regular, name: 'Regular clean' },
			location_id: ids.north,
			bookings: [
				{
					id: f.booking.a1,
					customer: { id: f.customers.cara.id, name: 'Cara' },
					total_price: 5000,
					payment_status: 'unpaid'
				}
			]
		});
	});

	it('filters by London days, status, cleaner, customer and location', async () => {
		const list = async (query: string, ctx = admin) =>
			keysOf((await body(apiAdminAppointments(url(`appointments/?${query}`), ctx))).json).sort();
		expect(await list('from=2026-05-04&to=2026-05-10')).toEqual(
			A('a3', 'a5', 'a6', 'a7', 'a9').sort()
		);
		expect(await list('status=cancelled')).toEqual(A('a4', 'a7').sort());
		expect(await list(`staff_id=${ids.ben}&to=2026-05-31`)).toEqual(
			A('a3', 'a4', 'a7', 'a9').sort()
		);
		expect(await list(`customer_id=${f.customers.cara.id}`)).toEqual(A('a1', 'a4', 'a8').sort());
		expect(await list(`location_id=${ids.north}&status=completed`)).toEqual(A('a1', 'a2').sort());
	});

	it("gives a scoped manager only their cleaners' and locations' appointments", async () => {
		const r = await body(apiAdminAppointments(url('appointments/'), north));
		expect(r.json.data.total).toBe(5);
		expect(keysOf(r.json).sort()).toEqual(A('a1', 'a2', 'a5', 'a6', 'a8').sort());
		const elsewhere = await body(
			apiAdminAppointments(url(`appointments/?location_id=${ids.south}`), north)
		);
		expect(elsewhere.json.data).toMatchObject({ items: [], total: 0 });
	});

	it('names each bad parameter, 422', async () => {
		const r = await body(
			apiAdminAppointments(
				url(
					'appointments/?page=0&page_size=500&status=done&staff_id=ann&from=2026-02-30&colour=red'
				),
				admin
			)
		);
		expect(r.status).toBe(422);
		expect(r.json.error.code).toBe('VALIDATION_ERROR');
		expect(Object.keys(r.json.error.details).sort()).toEqual([
			'colour',
			'from',
			'page',
			'page_size',
			'staff_id',
			'status'
		]);
		const backwards = await body(
			apiAdminAppointments(url('appointments/?from=2026-05-10&to=2026-05-01'), admin)
		);
		expect(backwards.status).toBe(422);
		expect(Object.keys(backwards.json.error.details)).toEqual(['to']);
	});

	it('refuses cleaners and customers (403) and anonymous callers (401)', async () => {
		expect((await apiAdminAppointments(url('appointments/'), cleaner)).status).toBe(403);
		expect((await apiAdminAppointments(url('appointments/'), customer)).status).toBe(403);
		const anonymous = await body(apiAdminAppointments(url('appointments/'), undefined));
		expect(anonymous.status).toBe(401);
		expect(anonymous.json.error.code).toBe('UNAUTHORIZED');
	});
});

describe('GET /api/v1/admin/appointments/{id}/', () => {
	it('reads one appointment in scope, with its bookings and notes; out of scope reads as absent', async () => {
		const one = await body(apiAdminAppointment(f.appointment.a2, url('x'), north));
		expect(one.status).toBe(200);
		expect(one.json.data).toMatchObject({
			id: f.appointment.a2,
			service: { name: 'Deep clean' },
			internal_notes: '',
			bookings: [{ customer: { name: 'Dev' }, total_price: 12000 }]
		});
		const south = await body(apiAdminAppointment(f.appointment.a3, url('x'), north));
		expect(south.status).toBe(404);
		expect(south.json.error.code).toBe('NOT_FOUND');
		expect((await apiAdminAppointment(f.appointment.a3, url('x'), admin)).status).toBe(200);
		expect((await apiAdminAppointment(crypto.randomUUID(), url('x'), admin)).status).toBe(404);
		const bad = await body(apiAdminAppointment('a3', url('x'), admin));
		expect(bad.status).toBe(422);
		expect(Object.keys(bad.json.error.details)).toEqual(['id']);
		expect((await apiAdminAppointment(f.appointment.a1, url('x'), cleaner)).status).toBe(403);
		expect((await apiAdminAppointment(f.appointment.a1, url('x'), undefined)).status).toBe(401);
	});
});

describe('GET /api/v1/admin/staff/', () => {
	it('lists cleaners in scope and reads one with hours; another location’s cleaner is absent', async () => {
		const all = await body(apiAdminStaffList(url('staff/'), admin));
		expect(all.json.data.items.map((s: { name: string }) => s.name)).toEqual(['Ann', 'Ben']);
		const mine = await body(apiAdminStaffList(url('staff/'), north));
		expect(mine.json.data).toMatchObject({ total: 1, items: [{ id: ids.ann, name: 'Ann' }] });
		const ann = await body(apiAdminStaff(ids.ann, url('x'), north));
		expect(ann.status).toBe(200);
		expect(ann.json.data.schedule).toHaveLength(5);
		expect(ann.json.data.schedule[0]).toEqual({
			day_of_week: 0,
			start_minute: 540,
			end_minute: 1020,
			breaks: [{ start: 720, end: 780 }]
		});
		expect((await apiAdminStaff(ids.ben, url('x'), north)).status).toBe(404);
		expect((await apiAdminStaff(ids.ben, url('x'), admin)).status).toBe(200);
		const search = await body(apiAdminStaffList(url('staff/?q=BEN&active=true'), admin));
		expect(search.json.data.items.map((s: { id: string }) => s.id)).toEqual([ids.ben]);
		const bad = await body(apiAdminStaffList(url('staff/?active=yes'), admin));
		expect(bad.status).toBe(422);
		expect(Object.keys(bad.json.error.details)).toEqual(['active']);
		expect((await apiAdminStaffList(url('staff/'), cleaner)).status).toBe(403);
		expect((await apiAdminStaffList(url('staff/'), undefined)).status).toBe(401);
	});
});

describe('GET /api/v1/admin/customers/', () => {
	it('lists customers in reach: those listed for the manager and those who booked their cleaners', async () => {
		const names = async (query: string, ctx: AuthContext) =>
			(await body(apiAdminCustomers(url(`customers/?${query}`), ctx))).json.data.items.map(
				(c: { name: string }) => c.name
			);
		expect(await names('', admin)).toEqual(['Cara', 'Dev', 'Eli', 'Fay', 'Gus']);
		expect(await names('', north)).toEqual(['Cara', 'Dev', 'Eli', 'Fay']);
		expect((await apiAdminCustomer(gus, url('x'), north)).status).toBe(404);
		const one = await body(apiAdminCustomer(gus, url('x'), admin));
		expect(one.json.data).toMatchObject({
			name: 'Gus',
			postcode: 'SW1A 2AA',
			bookings: [{ status: 'confirmed', staff: 'Ben', total_price: 5000 }]
		});
		expect((await apiAdminCustomer(fay, url('x'), north)).status).toBe(200);
	});

	it('searches name, email, phone however written, and postcode start; pages', async () => {
		const names = async (query: string) =>
			(await body(apiAdminCustomers(url(`customers/?${query}`), admin))).json.data.items.map(
				(c: { name: string }) => c.name
			);
		expect(await names('q=gus%40example')).toEqual(['Gus']);
		expect(await names('q=%2B447700900123')).toEqual(['Fay']);
		expect(await names('q=sw1a')).toEqual(['Eli', 'Gus']);
		expect(await names('q=n1')).toEqual(['Cara', 'Fay']);
		expect(await names('q=%25')).toEqual([]);
		const second = await body(apiAdminCustomers(url('customers/?page=2&page_size=2'), admin));
		expect(second.json.data).toMatchObject({ page: 2, page_size: 2, total: 5 });
		expect(second.json.data.items.map((c: { name: string }) => c.name)).toEqual(['Eli', 'Fay']);
		const bad = await body(apiAdminCustomers(url('customers/?page=two&archived=1'), admin));
		expect(bad.status).toBe(422);
		expect(Object.keys(bad.json.error.details).sort()).toEqual(['archived', 'page']);
		expect((await apiAdminCustomers(url('customers/'), customer)).status).toBe(403);
	});
});

describe('GET /api/v1/admin/services/', () => {
	it('lists the whole catalogue to any office user; refuses others', async () => {
		const list = await body(apiAdminServices(url('services/'), north));
		expect(list.status).toBe(200);
		expect(list.json.data.items.map((s: { name: string }) => s.name).sort()).toEqual([
			'Deep clean',
			'Regular clean'
		]);
		const deep = await body(apiAdminService(ids.deep, url('x'), north));
		expect(deep.json.data).toMatchObject({
			name: 'Deep clean',
			price: 12000,
			duration_minutes: 240,
			category: { name: 'Homes' },
			extras: []
		});
		const search = await body(apiAdminServices(url('services/?q=deep'), admin));
		expect(search.json.data.total).toBe(1);
		expect((await apiAdminService(crypto.randomUUID(), url('x'), admin)).status).toBe(404);
		const bad = await body(apiAdminServices(url('services/?category_id=homes'), admin));
		expect(bad.status).toBe(422);
		expect(Object.keys(bad.json.error.details)).toEqual(['category_id']);
		expect((await apiAdminServices(url('services/'), cleaner)).status).toBe(403);
		expect((await apiAdminServices(url('services/'), undefined)).status).toBe(401);
	});
});
