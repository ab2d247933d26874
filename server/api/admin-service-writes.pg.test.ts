import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, categories, services } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { ids, officeUser, seedOfficeFixture } from '../../tests/support/office-fixture.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { authContextFor } from '../auth/context.ts';
import { closeDatabase } from '../db/client.ts';
import { apiArchiveService, apiCreateService, apiPatchService } from './admin-service-writes.ts';
import { apiAdminServices } from './admin-services.ts';

// POST /api/v1/admin/services/, PATCH and DELETE /api/v1/admin/services/{id}/ through the
// catalogue mutators of /office/manage/services: manage_services, the service form's rule, one
// transaction, and audit rows from the API. Fixture: Regular (slug 'regular') and Deep clean in
// Homes; Mo is a manager with manage_services, Nina one without.

let pg: TestDatabase;
let admin: AuthContext;
let mo: AuthContext;
let nina: AuthContext;
let homes: string;

const url = new URL('http://test/api/v1/admin/services/');
const send = (method: string, body: unknown) =>
	new Request(url, { method, body: typeof body === 'string' ? body : JSON.stringify(body) });
const rowOf = async (id: string) =>
	(await pg.db.select().from(services).where(eq(services.id, id)))[0];
const allServices = () => pg.db.select().from(services).orderBy(services.id);
const auditOf = (entityId: string, action: string) =>
	pg.db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.entityId, entityId), eq(auditLog.action, action)));

const officeClean = () => ({
	category_id: homes,
	name: 'Office & Desk clean',
	duration_minutes: 150,
	price: 9000,
	padding_after_minutes: 15,
	capacity: 2,
	color: '#10B981',
	deposit_kind: 'percent',
	deposit_value: 20,
	checklist: ['Desks', 'Kitchen'],
	booking_fields: [
		{ key: 'pets', label: 'Any pets?', type: 'choice', required: true, options: ['Yes', 'No'] },
		{ key: 'parking', label: 'Where to park', type: 'text', maxLength: 200 }
	]
});

beforeAll(async () => {
	pg = await startTestDatabase();
	process.env.DATABASE_URL = pg.url;
	await seedOfficeFixture(pg.db);
	[{ id: homes }] = await pg.db.select().from(categories).where(eq(categories.slug, 'homes'));
	admin = await authContextFor(pg.db, await officeUser(pg.db, 'boss', 'admin'));
	mo = await authContextFor(
		pg.db,
		await officeUser(pg.db, 'mo', 'manager', { all: true, permissions: ['manage_services'] })
	);
	nina = await authContextFor(
		pg.db,
		await officeUser(pg.db, 'nina', 'manager', { locations: [ids.north] })
	);
}, 60_000);

afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
});

describe('POST /api/v1/admin/services/', () => {
	it('adds a service (201), cleaned by the form rule, audited as from the API', async () => {
		const r = await apiCreateService(url, send('POST', officeClean()), mo);
		expect(r.status).toBe(201);
		const { data } = await r.json();
		expect(data).toMatchObject({
			name: 'Office & Desk clean',
			slug: 'office-desk-clean',
			category: { id: homes, name: 'Homes' },
			duration_minutes: 150,
			price: 9000,
			currency: 'GBP',
			color: '#10b981',
			capacity: 2,
			padding_before_minutes: 0,
			padding_after_minutes: 15,
			deposit_kind: 'percent',
			deposit_value: 20,
			checklist: ['Desks', 'Kitchen'],
			booking_fields: [
				{ key: 'pets', label: 'Any pets?', type: 'choice', required: true, options: ['Yes', 'No'] },
				{ key: 'parking', label: 'Where to park', type: 'text', required: false, maxLength: 200 }
			],
			position: 0,
			is_active: true,
			extras: []
		});
		expect(await rowOf(data.id)).toMatchObject({ slug: 'office-desk-clean', isActive: true });
		expect(await auditOf(data.id, 'catalog.createService')).toEqual([
			expect.objectContaining({ source: 'api', actorUserId: mo.userID })
		]);
	});

	it('names each bad, missing or unknown field in REST spelling and saves nothing', async () => {
		const before = await allServices();
		const r = await apiCreateService(
			url,
			send('POST', {
				...officeClean(),
				category_id: crypto.randomUUID(),
				slug: 'regular',
				duration_minutes: 17,
				color: 'green',
				deposit_value: 0,
				checklist: ['Desks', 'desks'],
				booking_fields: [{ key: 'Pets', label: '', type: 'choice', options: [] }]
			}),
			admin
		);
		expect(r.status).toBe(422);
		const { error } = await r.json();
		expect(error.code).toBe('VALIDATION_ERROR');
		expect(Object.keys(error.details).sort()).toEqual([
			'booking_fields.0.key',
			'booking_fields.0.label',
			'booking_fields.0.options',
			'category_id',
			'checklist',
			'color',
			'deposit_value',
			'duration_minutes',
			'slug'
		]);
		expect(error.details.slug).toEqual(['Another service already uses this web address']);
		const typed = await apiCreateService(
			url,
			send('POST', { name: 'Windows', price: '90.00', tax: 20, capacity: 1.5 }),
			admin
		);
		expect(typed.status).toBe(422);
		expect(Object.keys((await typed.json()).error.details).sort()).toEqual([
			'capacity',
			'duration_minutes',
			'price',
			'tax'
		]);
		const notJson = await apiCreateService(url, send('POST', 'price=1'), admin);
		expect(notJson.status).toBe(400);
		const huge = await apiCreateService(
			url,
			send('POST', { ...officeClean(), description: 'x'.repeat(70_000) }),
			admin
		);
		expect([huge.status, (await huge.json()).error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
		expect(await allServices()).toEqual(before);
	});

	it('needs manage_services, and the office', async () => {
		const before = await allServices();
		const r = await apiCreateService(url, send('POST', officeClean()), nina);
		expect([r.status, (await r.json()).error.code]).toEqual([403, 'FORBIDDEN']);
		const cleaner: AuthContext = { ...nina, role: 'staff', office: null, permissions: [] };
		expect((await apiCreateService(url, send('POST', officeClean()), cleaner)).status).toBe(403);
		expect((await apiCreateService(url, send('POST', officeClean()), undefined)).status).toBe(401);
		expect(await allServices()).toEqual(before);
	});
});

describe('PATCH /api/v1/admin/services/{id}/', () => {
	it('changes the fields given and keeps the rest, audited as from the API', async () => {
		const made = await apiCreateService(
			url,
			send('POST', { ...officeClean(), name: 'Shop clean' }),
			admin
		);
		const { id } = (await made.json()).data;
		const r = await apiPatchService(id, url, send('PATCH', { price: 9500, position: 3 }), mo);
		expect(r.status).toBe(200);
		const { data } = await r.json();
		expect(data).toMatchObject({
			id,
			name: 'Shop clean',
			slug: 'shop-clean',
			price: 9500,
			position: 3,
			deposit_kind: 'percent',
			deposit_value: 20,
			checklist: ['Desks', 'Kitchen']
		});
		expect(data.booking_fields).toHaveLength(2);
		expect(await auditOf(id, 'catalog.updateService')).toEqual([
			expect.objectContaining({ source: 'api', actorUserId: mo.userID })
		]);
	});

	it('names bad fields, and reads an unknown or malformed id as such', async () => {
		const before = await rowOf(ids.deep);
		const r = await apiPatchService(
			ids.deep,
			url,
			send('PATCH', { deposit_kind: 'fixed', deposit_value: 20_000, padding_before_minutes: 300 }),
			admin
		);
		expect(r.status).toBe(422);
		expect(Object.keys((await r.json()).error.details).sort()).toEqual([
			'deposit_value',
			'padding_before_minutes'
		]);
		const renamed = await apiPatchService(ids.deep, url, send('PATCH', { slug: 'regular' }), admin);
		expect((await renamed.json()).error.details).toEqual({
			slug: ['Another service already uses this web address']
		});
		expect(await rowOf(ids.deep)).toEqual(before);
		const none = await apiPatchService(crypto.randomUUID(), url, send('PATCH', {}), admin);
		expect([none.status, (await none.json()).error.code]).toEqual([404, 'NOT_FOUND']);
		const bad = await apiPatchService('deep', url, send('PATCH', {}), admin);
		expect([bad.status, Object.keys((await bad.json()).error.details)]).toEqual([422, ['id']]);
		expect((await apiPatchService(ids.deep, url, send('PATCH', { price: 1 }), nina)).status).toBe(
			403
		);
		expect(await rowOf(ids.deep)).toEqual(before);
	});
});

describe('DELETE /api/v1/admin/services/{id}/', () => {
	it('archives: out of the active list, audited; refused without manage_services', async () => {
		expect((await apiArchiveService(ids.deep, url, nina)).status).toBe(403);
		expect((await rowOf(ids.deep)).isActive).toBe(true);
		const r = await apiArchiveService(ids.deep, url, admin);
		expect(r.status).toBe(200);
		expect((await r.json()).data).toMatchObject({ id: ids.deep, is_active: false });
		const inactive = await apiAdminServices(new URL(`${url}?active=false`), admin);
		const names = (await inactive.json()).data.items.map((s: { name: string }) => s.name);
		expect(names).toEqual(['Deep clean']);
		expect(await auditOf(ids.deep, 'catalog.archiveService')).toEqual([
			expect.objectContaining({ source: 'api', actorUserId: admin.userID })
		]);
		expect((await apiArchiveService(crypto.randomUUID(), url, admin)).status).toBe(404);
		expect((await apiArchiveService('deep', url, admin)).status).toBe(422);
	});
});
