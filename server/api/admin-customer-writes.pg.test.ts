import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, customers, managerCustomers, users } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import {
	ids,
	officeUser,
	seedOfficeFixture,
	type Fixture
} from '../../tests/support/office-fixture.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { authContextFor } from '../auth/context.ts';
import { closeDatabase } from '../db/client.ts';
import { apiAdminCustomer } from './admin-customers.ts';
import {
	apiArchiveCustomer,
	apiCreateCustomer,
	apiPatchCustomer
} from './admin-customer-writes.ts';

// POST /api/v1/admin/customers/, PATCH and DELETE /api/v1/admin/customers/{id}/ through the app's
// customer mutators: the same checks, reach and audit rows. Fixture: Cara, Dev, Eli booked at both locations; Gus (added
// here) never booked, so no scoped manager reaches him.

let pg: TestDatabase;
let f: Fixture;
let admin: AuthContext;
let north: AuthContext;
let gus: string;

const url = new URL('http://test/api/v1/admin/customers/x/');
const patch = (body: unknown) => new Request(url, { method: 'PATCH', body: JSON.stringify(body) });
const post = (body: unknown) =>
	new Request(url, {
		method: 'POST',
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
const customerCount = async () => (await pg.db.select().from(customers)).length;
const auditOf = (entityId: string, action: string) =>
	pg.db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.entityId, entityId), eq(auditLog.action, action)));
const rowOf = async (id: string) =>
	(await pg.db.select().from(customers).where(eq(customers.id, id)))[0];

beforeAll(async () => {
	pg = await startTestDatabase();
	process.env.DATABASE_URL = pg.url;
	f = await seedOfficeFixture(pg.db);
	admin = await authContextFor(pg.db, await officeUser(pg.db, 'boss', 'admin'));
	north = await authContextFor(
		pg.db,
		await officeUser(pg.db, 'nina', 'manager', { locations: [ids.north] })
	);
	[{ id: gus }] = await pg.db
		.insert(customers)
		.values({ name: 'Gus', email: 'gus@example.com', postcode: 'SW1A 2AA' })
		.returning();
}, 60_000);

afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
});

describe('POST /api/v1/admin/customers/', () => {
	const newCustomer = {
		name: 'Hana Ito',
		email: 'Hana@Example.com',
		phone: '07700 900123',
		address_line1: '12 Albion Road',
		city: 'London',
		postcode: 'n16 9pd',
		tags: ['Fortnightly']
	};

	it('adds a customer (201) as the form rule cleans it, audited as from the API', async () => {
		const r = await apiCreateCustomer(url, post(newCustomer), admin);
		expect(r.status).toBe(201);
		const { data } = await r.json();
		expect(data).toMatchObject({
			name: 'Hana Ito',
			email: 'hana@example.com',
			postcode: 'N16 9PD',
			address_line2: '',
			tags: ['fortnightly'],
			is_archived: false,
			has_account: false,
			bookings: []
		});
		expect(await rowOf(data.id)).toMatchObject({ email: 'hana@example.com', notes: '' });
		expect(await auditOf(data.id, 'customers.create')).toEqual([
			expect.objectContaining({ source: 'api', actorUserId: admin.userID })
		]);
	});

	it("puts a scoped manager's new customer in their reach", async () => {
		const body = { ...newCustomer, email: 'ivo@example.com', name: 'Ivo' };
		const r = await apiCreateCustomer(url, post(body), north);
		expect(r.status).toBe(201);
		const { id } = (await r.json()).data;
		const [user] = await pg.db.select().from(users).where(eq(users.id, north.userID));
		const fresh = await authContextFor(pg.db, user);
		expect((await apiAdminCustomer(id, url, fresh)).status).toBe(200);
		const links = await pg.db
			.select()
			.from(managerCustomers)
			.where(eq(managerCustomers.customerId, id));
		expect(links).toHaveLength(1);
		expect(await auditOf(id, 'customers.create')).toEqual([
			expect.objectContaining({ source: 'api', actorUserId: north.userID })
		]);
	});

	it('names each bad, missing or unknown field in REST spelling and saves nothing', async () => {
		const before = await customerCount();
		const r = await apiCreateCustomer(url, post({ phone: '12', notes: 'x' }), admin);
		expect(r.status).toBe(422);
		const { error } = await r.json();
		expect(error.code).toBe('VALIDATION_ERROR');
		expect(Object.keys(error.details).sort()).toEqual([
			'address_line1',
			'email',
			'name',
			'phone',
			'postcode'
		]);
		expect(error.details.name).toEqual(['Enter the customer’s name']);
		const typed = await apiCreateCustomer(
			url,
			post({ ...newCustomer, tags: 'dog', vip: 1 }),
			admin
		);
		expect(typed.status).toBe(422);
		const details = (await typed.json()).error.details;
		expect(Object.keys(details).sort()).toEqual(['tags', 'vip']);
		expect(details.vip).toEqual(['This endpoint does not take this field']);
		// The booking engine finds a returning customer by email and postcode: no twin of Cara.
		const twin = await apiCreateCustomer(
			url,
			post({ ...newCustomer, email: 'cara@example.com', postcode: 'N16 9PD' }),
			admin
		);
		expect(twin.status).toBe(422);
		expect((await twin.json()).error.details).toEqual({
			email: ['A customer with this email already lives at this postcode']
		});
		const notJson = await apiCreateCustomer(url, post('{"name": "Jo"'), admin);
		expect([notJson.status, (await notJson.json()).error.code]).toEqual([400, 'VALIDATION_ERROR']);
		const huge = await apiCreateCustomer(url, post({ notes: 'x'.repeat(20_000) }), admin);
		expect([huge.status, (await huge.json()).error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
		expect(await customerCount()).toBe(before);
	});

	it('adds one customer when two offices add the same one at once', async () => {
		const same = { ...newCustomer, email: 'kit@example.com', postcode: 'E8 3RL' };
		const answers = await Promise.all(
			[admin, north, admin, north].map((who) => apiCreateCustomer(url, post(same), who))
		);
		expect(answers.map((r) => r.status).sort()).toEqual([201, 422, 422, 422]);
		const rows = await pg.db.select().from(customers).where(eq(customers.email, 'kit@example.com'));
		expect(rows).toHaveLength(1);
	});

	it('refuses everyone outside the office', async () => {
		const before = await customerCount();
		expect((await apiCreateCustomer(url, post(newCustomer), undefined)).status).toBe(401);
		const cleaner: AuthContext = { ...north, role: 'staff', office: null, permissions: [] };
		expect((await apiCreateCustomer(url, post(newCustomer), cleaner)).status).toBe(403);
		expect(await customerCount()).toBe(before);
	});
});

describe('PATCH /api/v1/admin/customers/{id}/', () => {
	it('changes the fields given, keeps the others, and is audited as from the API', async () => {
		const cara = f.customers.cara.id;
		const r = await apiPatchCustomer(
			cara,
			url,
			patch({ phone: '07700 900444', address_line1: '3 Mare St', tags: ['Key holder', 'dog'] }),
			north
		);
		expect(r.status).toBe(200);
		expect((await r.json()).data).toMatchObject({
			id: cara,
			name: 'Cara',
			address_line1: '3 Mare St',
			postcode: 'N16 9PD',
			tags: ['key holder', 'dog']
		});
		expect(await rowOf(cara)).toMatchObject({
			addressLine1: '3 Mare St',
			email: 'cara@example.com'
		});
		const audit = await pg.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.entityId, cara), eq(auditLog.action, 'customers.update')));
		expect(audit).toEqual([expect.objectContaining({ source: 'api', actorUserId: north.userID })]);
	});

	it('names each bad field in REST spelling and saves nothing', async () => {
		const before = await rowOf(f.customers.dev.id);
		const r = await apiPatchCustomer(
			f.customers.dev.id,
			url,
			patch({ postcode: 'nowhere', address_line1: 'x'.repeat(300), name: '' }),
			admin
		);
		expect(r.status).toBe(422);
		const { error } = await r.json();
		expect(error.code).toBe('VALIDATION_ERROR');
		expect(Object.keys(error.details).sort()).toEqual(['address_line1', 'name', 'postcode']);
		expect(await rowOf(f.customers.dev.id)).toEqual(before);
		const unknown = await apiPatchCustomer(
			f.customers.dev.id,
			url,
			patch({ colour: 'red' }),
			admin
		);
		expect(unknown.status).toBe(422);
		expect(Object.keys((await unknown.json()).error.details)).toEqual(['colour']);
		const badId = await apiPatchCustomer('dev', url, patch({}), admin);
		expect(Object.keys((await badId.json()).error.details)).toEqual(['id']);
	});

	it('keeps a manager to their reach (404) and refuses everyone outside the office', async () => {
		const r = await apiPatchCustomer(gus, url, patch({ notes: 'mine now' }), north);
		expect(r.status).toBe(404);
		expect((await rowOf(gus)).notes).toBe('');
		expect((await apiPatchCustomer(gus, url, patch({}), undefined)).status).toBe(401);
		const cleaner: AuthContext = { ...north, role: 'staff', office: null, permissions: [] };
		expect((await apiPatchCustomer(gus, url, patch({}), cleaner)).status).toBe(403);
		// Who is asking is answered before the id is looked at: no hint to an outsider.
		expect((await apiPatchCustomer('dev', url, patch({}), undefined)).status).toBe(401);
		expect((await apiArchiveCustomer('dev', url, cleaner)).status).toBe(403);
	});
});

describe('DELETE /api/v1/admin/customers/{id}/', () => {
	it('archives within reach, audited; out of reach reads as absent', async () => {
		expect((await apiArchiveCustomer(gus, url, north)).status).toBe(404);
		expect((await rowOf(gus)).isArchived).toBe(false);
		const r = await apiArchiveCustomer(gus, url, admin);
		expect(r.status).toBe(200);
		expect((await r.json()).data).toMatchObject({ id: gus, is_archived: true });
		expect((await rowOf(gus)).isArchived).toBe(true);
		const audit = await pg.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.entityId, gus), eq(auditLog.action, 'customers.archive')));
		expect(audit).toHaveLength(1);
	});
});
