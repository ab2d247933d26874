import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, customers } from '../../drizzle/schema.ts';
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
import { apiArchiveCustomer, apiPatchCustomer } from './admin-customer-writes.ts';

// PATCH and DELETE /api/v1/admin/customers/{id}/ through the app's customer mutators: the same
// checks, reach and audit rows. Fixture: Cara, Dev, Eli booked at both locations; Gus (added
// here) never booked, so no scoped manager reaches him.

let pg: TestDatabase;
let f: Fixture;
let admin: AuthContext;
let north: AuthContext;
let gus: string;

const url = new URL('http://test/api/v1/admin/customers/x/');
const patch = (body: unknown) => new Request(url, { method: 'PATCH', body: JSON.stringify(body) });
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
