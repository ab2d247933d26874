import { and, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	appointments,
	auditLog,
	passwords,
	sessions,
	staff,
	staffAreas,
	staffSchedules,
	staffServices,
	users
} from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { ids, officeUser, seedOfficeFixture } from '../../tests/support/office-fixture.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { authContextFor } from '../auth/context.ts';
import { verifyPassword } from '../auth/password.ts';
import { closeDatabase } from '../db/client.ts';
import { dbProvider, runServerMutator } from '../zero/endpoint.ts';
import { serverMutators } from '../zero/mutators.ts';
import { runMutation } from './mutations.ts';
import { apiArchiveStaff, apiCreateStaff, apiPatchStaff } from './admin-staff-writes.ts';

// POST /api/v1/admin/staff/, PATCH and DELETE /api/v1/admin/staff/{id}/ through the cleaner
// mutators of /office/manage/cleaners: manage_staff, the manager's reach, the form rule, one
// transaction, and audit rows from the API. Fixture: Ann at North, Ben at South; Nina manages
// North with manage_staff, Noor manages North without it.

let pg: TestDatabase;
let admin: AuthContext;
let nina: AuthContext;
let noor: AuthContext;

const url = new URL('http://test/api/v1/admin/staff/');
const send = (method: string, body: unknown) =>
	new Request(url, { method, body: typeof body === 'string' ? body : JSON.stringify(body) });
const counts = async () => ({
	staff: (await pg.db.select().from(staff)).length,
	users: (await pg.db.select().from(users)).length,
	passwords: (await pg.db.select().from(passwords)).length,
	audit: (await pg.db.select().from(auditLog)).length
});
const auditOf = (entityId: string, action: string) =>
	pg.db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.entityId, entityId), eq(auditLog.action, action)));

const dana = () => ({
	name: 'Dana Cole',
	email: `dana.${crypto.randomUUID().slice(0, 8)}@example.co.uk`,
	phone: '07700 900555',
	location_id: ids.north,
	schedule: [
		{ day_of_week: 0, start_minute: 480, end_minute: 960, breaks: [{ start: 720, end: 750 }] },
		{ day_of_week: 2, start_minute: 540, end_minute: 780 }
	],
	services: [
		{ service_id: ids.regular, price_override: 5550, duration_override: null },
		{ service_id: ids.deep }
	],
	areas: [{ postcode: 'n16', radius_km: 4.5 }]
});

beforeAll(async () => {
	pg = await startTestDatabase();
	process.env.DATABASE_URL = pg.url;
	await seedOfficeFixture(pg.db);
	admin = await authContextFor(pg.db, await officeUser(pg.db, 'boss', 'admin'));
	nina = await authContextFor(
		pg.db,
		await officeUser(pg.db, 'nina', 'manager', {
			locations: [ids.north],
			permissions: ['manage_staff']
		})
	);
	noor = await authContextFor(
		pg.db,
		await officeUser(pg.db, 'noor', 'manager', { locations: [ids.north] })
	);
}, 60_000);

afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
});

describe('POST /api/v1/admin/staff/', () => {
	it('adds a cleaner with their account and a temporary password shown once, all audited', async () => {
		const body = dana();
		const r = await apiCreateStaff(url, send('POST', body), nina);
		expect(r.status).toBe(201);
		const { data } = await r.json();
		expect(data).toMatchObject({
			name: 'Dana Cole',
			email: body.email,
			location_id: ids.north,
			is_active: true,
			has_account: true,
			schedule: [
				{ day_of_week: 0, start_minute: 480, end_minute: 960, breaks: [{ start: 720, end: 750 }] },
				{ day_of_week: 2, start_minute: 540, end_minute: 780, breaks: [] }
			],
			areas: [{ postcode: 'N16', radius_km: 4.5, is_active: true }]
		});
		expect(data.services).toEqual([
			{ service_id: ids.deep, name: 'Deep clean', price_override: null, duration_override: null },
			{
				service_id: ids.regular,
				name: 'Regular clean',
				price_override: 5550,
				duration_override: null
			}
		]);
		expect(data.temporary_password).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){4}$/);

		const [row] = await pg.db.select().from(staff).where(eq(staff.id, data.id));
		const [account] = await pg.db.select().from(users).where(eq(users.id, row.userId!));
		expect(account).toMatchObject({ role: 'staff', email: body.email, isActive: true });
		const [stored] = await pg.db.select().from(passwords).where(eq(passwords.userId, account.id));
		expect(stored.hash).not.toContain(data.temporary_password);
		expect(await verifyPassword(stored.hash, data.temporary_password)).toBe(true);

		expect(await auditOf(data.id, 'cleaners.create')).toEqual([
			expect.objectContaining({ source: 'api', actorUserId: nina.userID })
		]);
		const [issued] = await auditOf(account.id, 'accounts.issueTemporaryPassword');
		expect(issued).toMatchObject({ source: 'api', actorUserId: nina.userID });
		// The password is in no audit row.
		const trail = JSON.stringify(await pg.db.select().from(auditLog));
		expect(trail).not.toContain(data.temporary_password);
	});

	it('names each bad field in the body’s spelling and writes nothing', async () => {
		const before = await counts();
		const body = {
			...dana(),
			email: 'boss@example.com',
			location_id: ids.south,
			schedule: [{ day_of_week: 1, start_minute: 600, end_minute: 540 }],
			services: [{ service_id: crypto.randomUUID() }],
			areas: [{ postcode: 'nowhere', radius_km: 150 }]
		};
		const r = await apiCreateStaff(url, send('POST', body), nina);
		expect(r.status).toBe(422);
		const { error } = await r.json();
		expect(error.code).toBe('VALIDATION_ERROR');
		expect(Object.keys(error.details).sort()).toEqual([
			'areas.0.postcode',
			'areas.0.radius_km',
			'location_id',
			'schedule.0.end_minute'
		]);
		// What only the database knows is checked once the form is well formed.
		const taken = await apiCreateStaff(
			url,
			send('POST', {
				...dana(),
				email: 'boss@example.com',
				services: [{ service_id: crypto.randomUUID() }]
			}),
			nina
		);
		expect(Object.keys((await taken.json()).error.details).sort()).toEqual([
			'email',
			'services.0.service_id'
		]);
		const typed = await apiCreateStaff(
			url,
			send('POST', {
				...dana(),
				colour: 'red',
				schedule: [{ day_of_week: 7, start_minute: '08:00', end_minute: 960 }]
			}),
			nina
		);
		expect(typed.status).toBe(422);
		expect(Object.keys((await typed.json()).error.details).sort()).toEqual([
			'colour',
			'schedule.0.day_of_week',
			'schedule.0.start_minute'
		]);
		const missing = await apiCreateStaff(url, send('POST', {}), admin);
		expect(Object.keys((await missing.json()).error.details).sort()).toEqual(['email', 'name']);
		const notJson = await apiCreateStaff(url, send('POST', '{"name":'), nina);
		expect(notJson.status).toBe(400);
		const huge = await apiCreateStaff(url, send('POST', { bio: 'x'.repeat(70_000) }), nina);
		expect([huge.status, (await huge.json()).error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
		expect(await counts()).toEqual(before);
	});

	it('makes one account when two offices save the same email at once', async () => {
		const form = {
			name: 'Eve Hart',
			email: 'eve.hart@example.co.uk',
			phone: '',
			bio: '',
			locationId: ids.north,
			hours: [],
			services: [],
			areas: []
		};
		const make = () => ({ id: crypto.randomUUID(), userId: crypto.randomUUID(), form });
		// The first office's change is written but not yet committed while the second one runs:
		// both pass the rule's look-up, and the database's unique email decides.
		let release = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		const first = dbProvider().transaction(async (tx) => {
			await runServerMutator(tx, 'cleaners.create', make(), admin, 'api');
			await gate;
		});
		await new Promise((resolve) => setTimeout(resolve, 100));
		const second = runMutation(serverMutators.cleaners.create, make(), nina);
		await new Promise((resolve) => setTimeout(resolve, 300));
		release();
		await first;
		const refused = await second;
		expect(refused?.status).toBe(422);
		expect((await refused!.json()).error.details).toEqual({
			email: ['Another account already uses this email']
		});
		expect(await pg.db.select().from(users).where(eq(users.email, form.email))).toHaveLength(1);
	});

	it('needs manage_staff, and the office', async () => {
		const before = await counts();
		const r = await apiCreateStaff(url, send('POST', dana()), noor);
		expect([r.status, (await r.json()).error.code]).toEqual([403, 'FORBIDDEN']);
		const cleaner: AuthContext = { ...nina, role: 'staff', office: null, permissions: [] };
		expect((await apiCreateStaff(url, send('POST', dana()), cleaner)).status).toBe(403);
		expect((await apiCreateStaff(url, send('POST', dana()), undefined)).status).toBe(401);
		expect(await counts()).toEqual(before);
	});
});

describe('PATCH /api/v1/admin/staff/{id}/', () => {
	it('changes the fields given and keeps the rest, audited as from the API', async () => {
		const before = await pg.db
			.select()
			.from(staffSchedules)
			.where(eq(staffSchedules.staffId, ids.ann));
		const r = await apiPatchStaff(
			ids.ann,
			url,
			send('PATCH', {
				phone: '07700 900111',
				services: [{ service_id: ids.deep, duration_override: 300 }]
			}),
			nina
		);
		expect(r.status).toBe(200);
		const { data } = await r.json();
		expect(data).toMatchObject({ id: ids.ann, name: 'Ann', phone: '07700 900111' });
		expect(data.services).toEqual([
			{ service_id: ids.deep, name: 'Deep clean', price_override: null, duration_override: 300 }
		]);
		// Hours not given are kept as they were (five days with a lunch break).
		expect(data.schedule).toHaveLength(5);
		expect(data.schedule[0]).toEqual({
			day_of_week: 0,
			start_minute: 540,
			end_minute: 1020,
			breaks: [{ start: 720, end: 780 }]
		});
		const after = await pg.db
			.select()
			.from(staffSchedules)
			.where(eq(staffSchedules.staffId, ids.ann));
		expect(after.map(({ id: _, ...h }) => h).sort((a, b) => a.dayOfWeek - b.dayOfWeek)).toEqual(
			before.map(({ id: _, ...h }) => h).sort((a, b) => a.dayOfWeek - b.dayOfWeek)
		);
		expect(await auditOf(ids.ann, 'cleaners.update')).toEqual([
			expect.objectContaining({ source: 'api', actorUserId: nina.userID })
		]);
	});

	it('names bad fields and keeps everything as it was', async () => {
		const rows = async () => ({
			staff: await pg.db.select().from(staff).where(eq(staff.id, ids.ann)),
			services: await pg.db.select().from(staffServices).where(eq(staffServices.staffId, ids.ann)),
			areas: await pg.db.select().from(staffAreas).where(eq(staffAreas.staffId, ids.ann))
		});
		const before = await rows();
		const r = await apiPatchStaff(
			ids.ann,
			url,
			send('PATCH', {
				name: '',
				services: [{ service_id: ids.deep }, { service_id: ids.deep, price_override: -1 }]
			}),
			nina
		);
		expect(r.status).toBe(422);
		expect(Object.keys((await r.json()).error.details)).toEqual(['services.1.price_override']);
		const rule = await apiPatchStaff(
			ids.ann,
			url,
			send('PATCH', { name: '', services: [{ service_id: ids.deep }, { service_id: ids.deep }] }),
			nina
		);
		expect(Object.keys((await rule.json()).error.details).sort()).toEqual([
			'name',
			'services.1.service_id'
		]);
		expect(await rows()).toEqual(before);
	});

	it('reads an id outside the reach, unknown or malformed as such', async () => {
		const [ben] = await pg.db.select().from(staff).where(eq(staff.id, ids.ben));
		const out = await apiPatchStaff(ids.ben, url, send('PATCH', { bio: 'mine' }), nina);
		expect([out.status, (await out.json()).error.code]).toEqual([404, 'NOT_FOUND']);
		expect((await pg.db.select().from(staff).where(eq(staff.id, ids.ben)))[0]).toEqual(ben);
		const none = await apiPatchStaff(crypto.randomUUID(), url, send('PATCH', {}), admin);
		expect(none.status).toBe(404);
		const bad = await apiPatchStaff('ann', url, send('PATCH', {}), admin);
		expect([bad.status, Object.keys((await bad.json()).error.details)]).toEqual([422, ['id']]);
		const refused = await apiPatchStaff(ids.ann, url, send('PATCH', { bio: 'x' }), noor);
		expect(refused.status).toBe(403);
	});
});

describe('DELETE /api/v1/admin/staff/{id}/', () => {
	it('archives a cleaner and signs them out; refused while they have jobs ahead', async () => {
		const made = await apiCreateStaff(url, send('POST', dana()), admin);
		const { id } = (await made.json()).data;
		const [row] = await pg.db.select().from(staff).where(eq(staff.id, id));
		await pg.db.insert(sessions).values({
			id: `s-${id}`,
			userId: row.userId!,
			expiresAt: new Date(Date.now() + 86_400_000)
		});
		const soon = Date.now() + 2 * 86_400_000;
		const [job] = await pg.db
			.insert(appointments)
			.values({
				staffId: id,
				serviceId: ids.regular,
				locationId: ids.north,
				startTime: new Date(soon),
				endTime: new Date(soon + 7_200_000),
				blockedFrom: new Date(soon),
				blockedUntil: new Date(soon + 7_200_000),
				status: 'confirmed'
			})
			.returning();
		// Her next request sees the new cleaner at her location (the scope is resolved per request).
		const [ninaUser] = await pg.db.select().from(users).where(eq(users.id, nina.userID));
		nina = await authContextFor(pg.db, ninaUser);
		const busy = await apiArchiveStaff(id, url, nina);
		expect([busy.status, (await busy.json()).error.code]).toEqual([409, 'HAS_UPCOMING_JOBS']);
		expect((await pg.db.select().from(staff).where(eq(staff.id, id)))[0].isActive).toBe(true);

		await pg.db
			.update(appointments)
			.set({ status: 'cancelled' })
			.where(eq(appointments.id, job.id));
		const r = await apiArchiveStaff(id, url, nina);
		expect(r.status).toBe(200);
		expect((await r.json()).data).toMatchObject({ id, is_active: false });
		const [account] = await pg.db.select().from(users).where(eq(users.id, row.userId!));
		expect(account.isActive).toBe(false);
		const left = await pg.db
			.select()
			.from(sessions)
			.where(and(eq(sessions.userId, row.userId!), gt(sessions.expiresAt, new Date())));
		expect(left).toEqual([]);
		expect(await auditOf(id, 'cleaners.archive')).toEqual([
			expect.objectContaining({ source: 'api', actorUserId: nina.userID })
		]);
	});

	it('keeps a manager to their reach and their permission', async () => {
		const out = await apiArchiveStaff(ids.ben, url, nina);
		expect(out.status).toBe(404);
		expect((await apiArchiveStaff(ids.ann, url, noor)).status).toBe(403);
		expect((await apiArchiveStaff('ben', url, admin)).status).toBe(422);
		expect((await apiArchiveStaff(crypto.randomUUID(), url, admin)).status).toBe(404);
		const rows = await pg.db.select().from(staff);
		expect(rows.filter((s) => s.id === ids.ann || s.id === ids.ben).map((s) => s.isActive)).toEqual(
			[true, true]
		);
	});
});
