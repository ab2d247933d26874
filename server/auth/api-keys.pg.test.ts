import type { Cookies } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, auditLog, users } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { ids, officeUser, seedOfficeFixture } from '../../tests/support/office-fixture.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { apiAdminAppointments } from '../api/admin-appointments.ts';
import { contextOf } from '../api/context.ts';
import { closeDatabase } from '../db/client.ts';
import { apiKeyRefusal, createApiKey, listApiKeys, revokeApiKey } from './api-keys.ts';
import { authContextFor } from './context.ts';
import { authenticateRequest } from './request.ts';

// API keys: made by an admin, shown once and kept hashed, used as `Authorization: Bearer` on the
// REST API as that admin, a read key refused anything but reading, revoked at once, audited.

let pg: TestDatabase;
let admin: AuthContext;
let manager: AuthContext;
let bossId: string;

const noCookies = { get: () => undefined } as unknown as Cookies;
const withKey = (key: string, method = 'GET') =>
	new Request('http://test/api/v1/admin/appointments/', {
		method,
		headers: { authorization: `Bearer ${key}` }
	});

async function make(scope: string, name = `${scope} key`) {
	const result = await createApiKey(pg.db, admin, { name, scope });
	if (!result.ok) throw new Error(result.message);
	return result;
}

beforeAll(async () => {
	pg = await startTestDatabase();
	process.env.DATABASE_URL = pg.url;
	await seedOfficeFixture(pg.db);
	const boss = await officeUser(pg.db, 'boss', 'admin');
	bossId = boss.id;
	admin = await authContextFor(pg.db, boss);
	manager = await authContextFor(
		pg.db,
		await officeUser(pg.db, 'nina', 'manager', { all: true, permissions: ['manage_staff'] })
	);
}, 60_000);

afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
});

describe('API keys', () => {
	it('are made by an admin, kept only as a hash, listed without the key, and audited', async () => {
		const { id, key } = await make('read', '  Accounts sync ');
		expect(key).toMatch(/^vck_[a-z2-7]{32}$/);
		const [row] = await pg.db.select().from(apiKeys).where(eq(apiKeys.id, id));
		expect(row).toMatchObject({ name: 'Accounts sync', scope: 'read', createdBy: bossId });
		expect(JSON.stringify(row)).not.toContain(key.slice(4));
		expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
		const list = await listApiKeys(pg.db, admin);
		expect(list).toContainEqual(
			expect.objectContaining({ id, name: 'Accounts sync', prefix: key.slice(0, 10) })
		);
		expect(JSON.stringify(list)).not.toContain(key.slice(10));
		const audit = await pg.db.select().from(auditLog).where(eq(auditLog.entityId, id));
		expect(audit).toEqual([
			expect.objectContaining({
				action: 'api_keys.create',
				actorUserId: bossId,
				details: { name: 'Accounts sync', scope: 'read' }
			})
		]);
	});

	it('refuse managers, and name each bad field without writing', async () => {
		const before = await pg.db.select().from(apiKeys);
		expect(await createApiKey(pg.db, manager, { name: 'x', scope: 'read' })).toMatchObject({
			ok: false,
			status: 403
		});
		expect(await listApiKeys(pg.db, manager)).toBeNull();
		const bad = await createApiKey(pg.db, admin, { name: ' ', scope: 'admin' });
		expect(bad).toMatchObject({ ok: false, status: 422 });
		expect(Object.keys(bad.ok ? {} : bad.fields).sort()).toEqual(['name', 'scope']);
		expect(await pg.db.select().from(apiKeys)).toHaveLength(before.length);
	});

	it('act as their admin on the REST API; a read key may only read', async () => {
		const read = await make('read');
		const auth = await authenticateRequest(noCookies, withKey(read.key));
		expect(auth).toMatchObject({ user: { id: bossId }, session: null, apiKey: { scope: 'read' } });
		const listed = await apiAdminAppointments(
			new URL('http://test/api/v1/admin/appointments/?location_id=' + ids.north),
			await contextOf(auth!.user)
		);
		expect(listed.status).toBe(200);
		expect((await listed.json()).data.total).toBe(5);
		expect(apiKeyRefusal('GET', '/api/v1/admin/appointments/', auth!.apiKey)).toBeNull();
		const post = apiKeyRefusal('POST', '/api/v1/bookings/x/cancel/', auth!.apiKey);
		expect(post?.status).toBe(403);
		expect((await post!.json()).error.code).toBe('READ_ONLY_KEY');
		expect(apiKeyRefusal('DELETE', '/api/v1/admin/staff/x/', auth!.apiKey)?.status).toBe(403);
		// Not for pages or Zero's endpoints, even to read.
		expect(apiKeyRefusal('GET', '/office', auth!.apiKey)?.status).toBe(403);
		expect(apiKeyRefusal('POST', '/api/zero/mutate', auth!.apiKey)?.status).toBe(403);

		const write = await make('write');
		const writer = await authenticateRequest(noCookies, withKey(write.key, 'POST'));
		expect(writer?.apiKey?.scope).toBe('write');
		expect(apiKeyRefusal('POST', '/api/v1/bookings/x/cancel/', writer!.apiKey)).toBeNull();
		const [used] = await pg.db.select().from(apiKeys).where(eq(apiKeys.id, write.id));
		expect(used.lastUsedAt).not.toBeNull();
		// A made-up or mangled key is anonymous, like any unknown token.
		expect(await authenticateRequest(noCookies, withKey(write.key + 'x'))).toBeNull();
		expect(await authenticateRequest(noCookies, withKey('vck_nothing'))).toBeNull();
	});

	it('stop at once when revoked (audited), and when their maker is no longer an admin', async () => {
		const { id, key } = await make('write', 'Old CRM');
		expect(await revokeApiKey(pg.db, manager, id)).toMatchObject({ ok: false, status: 403 });
		expect(await authenticateRequest(noCookies, withKey(key))).not.toBeNull();
		expect(await revokeApiKey(pg.db, admin, id)).toEqual({ ok: true });
		expect(await authenticateRequest(noCookies, withKey(key))).toBeNull();
		expect(await revokeApiKey(pg.db, admin, id)).toMatchObject({ ok: false, status: 404 });
		expect(await revokeApiKey(pg.db, admin, 'nope')).toMatchObject({ ok: false, status: 404 });
		const audit = await pg.db.select().from(auditLog).where(eq(auditLog.entityId, id));
		expect(audit.map((a) => a.action).sort()).toEqual(['api_keys.create', 'api_keys.revoke']);
		const [row] = await pg.db.select().from(apiKeys).where(eq(apiKeys.id, id));
		expect(row).toMatchObject({ revokedBy: bossId });

		const live = await make('read', 'Still live');
		await pg.db.update(users).set({ role: 'manager' }).where(eq(users.id, bossId));
		expect(await authenticateRequest(noCookies, withKey(live.key))).toBeNull();
		await pg.db.update(users).set({ role: 'admin' }).where(eq(users.id, bossId));
		expect(await authenticateRequest(noCookies, withKey(live.key))).not.toBeNull();
	});
});
