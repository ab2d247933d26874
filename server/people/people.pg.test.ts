import { ApplicationError, type ReadonlyJSONValue } from '@rocicorp/zero';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import type { CleanerFormInput } from '../../sync/domain/cleaner-form.ts';
import type { CustomerFormInput } from '../../sync/domain/customer-form.ts';
import type { ManagerFormInput } from '../../sync/domain/manager-form.ts';
import {
	manageCleaner,
	manageCleaners,
	manageCustomer,
	manageCustomers,
	manageManagers
} from '../../sync/queries/people.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import { authContextFor } from '../auth/context.ts';
import { createSession } from '../auth/sessions.ts';
import { closeDatabase } from '../db/client.ts';
import { dbProvider, runServerMutator } from '../zero/endpoint.ts';
import { issueTemporaryPassword } from './accounts.ts';
import { verifyPassword } from '../auth/password.ts';

// The office's people mutators as zero-cache's push runs them (server versions, one transaction
// each, audit row included), and the people queries' scope, against a real Postgres.

let pg: TestDatabase;
let admin: AuthContext;
let north: AuthContext;
let south: AuthContext;
let ids: { northLocation: string; southLocation: string; service: string; northCleaner: string };

async function contextOf(email: string) {
	const [user] = await pg.db.select().from(users).where(eq(users.email, email));
	return authContextFor(pg.db, user);
}

/** Runs a mutator as the server would; the refusal's details, or null when it was accepted. */
async function run(name: string, args: unknown, ctx: AuthContext | undefined) {
	try {
		await dbProvider().transaction((tx) =>
			runServerMutator(tx, name, args as ReadonlyJSONValue, ctx, 'app')
		);
		return null;
	} catch (error) {
		if (!(error instanceof ApplicationError)) throw error;
		return { message: error.message, ...(error.details as { code: string; fields?: object }) };
	}
}

/** Runs a synced query's server-side form (what zero-cache would sync) against Postgres. */
function read<T>(
	query: { fn: (o: { args: never; ctx: AuthContext }) => unknown },
	args: unknown,
	ctx: AuthContext
) {
	return dbProvider().transaction((tx) =>
		tx.run(query.fn({ args: args as never, ctx }) as never)
	) as Promise<T>;
}

const auditCount = async (action: string, entityId: string) =>
	(
		await pg.sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action} AND entity_id = ${entityId}`
	)[0].n as number;

const cleanerForm = (over: Partial<CleanerFormInput> = {}): CleanerFormInput => ({
	name: 'Dana Cole',
	email: `dana.${crypto.randomUUID().slice(0, 8)}@example.co.uk`,
	phone: '07700 900555',
	bio: '',
	locationId: ids.northLocation,
	hours: [
		{ dayOfWeek: 0, start: '08:00', end: '16:00', breaks: [{ start: '12:00', end: '12:30' }] },
		{ dayOfWeek: 2, start: '09:00', end: '13:00', breaks: [] }
	],
	services: [{ serviceId: ids.service, price: '55', duration: '150' }],
	areas: [{ postcode: 'n16', radiusKm: '4' }],
	...over
});

async function createCleaner(ctx: AuthContext, over: Partial<CleanerFormInput> = {}) {
	const id = crypto.randomUUID();
	const userId = crypto.randomUUID();
	const refusal = await run('cleaners.create', { id, userId, form: cleanerForm(over) }, ctx);
	return { id, userId, refusal };
}

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedQuietDiary(pg.url);
	process.env.DATABASE_URL = pg.url;
	[admin, north, south] = await Promise.all([
		contextOf('admin@valclean.test'),
		contextOf('north.manager@valclean.test'),
		contextOf('south.manager@valclean.test')
	]);
	const [{ north: northLocation, south: southLocation }] = await pg.sql`
		SELECT (SELECT location_id FROM manager_locations LIMIT 1) AS north,
		       (SELECT id FROM locations WHERE id NOT IN (SELECT location_id FROM manager_locations) LIMIT 1) AS south`;
	const [{ id: service }] =
		await pg.sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
	const [{ id: northCleaner }] =
		await pg.sql`SELECT id FROM staff WHERE location_id = ${northLocation} LIMIT 1`;
	ids = { northLocation, southLocation, service, northCleaner };
});

afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
});

describe('cleaners', () => {
	it('an admin creates a cleaner with hours, services, areas and a staff account, audited', async () => {
		const { id, userId, refusal } = await createCleaner(admin);
		expect(refusal).toBeNull();
		const [user] = await pg.sql`SELECT role, is_active, email FROM users WHERE id = ${userId}`;
		expect(user).toMatchObject({ role: 'staff', is_active: true });
		const [cleaner] = await pg.sql`SELECT user_id, email, location_id FROM staff WHERE id = ${id}`;
		expect(cleaner).toEqual({ user_id: userId, email: user.email, location_id: ids.northLocation });
		const [{ last }] = await pg.sql`SELECT max(position) AS last FROM staff WHERE id <> ${id}`;
		expect((await pg.sql`SELECT position FROM staff WHERE id = ${id}`)[0].position).toBe(last + 1);
		const hours = await pg.sql`
			SELECT day_of_week, start_minute, end_minute, breaks FROM staff_schedules
			WHERE staff_id = ${id} ORDER BY day_of_week`;
		expect(hours).toEqual([
			{ day_of_week: 0, start_minute: 480, end_minute: 960, breaks: [{ start: 720, end: 750 }] },
			{ day_of_week: 2, start_minute: 540, end_minute: 780, breaks: [] }
		]);
		const services =
			await pg.sql`SELECT service_id, price_override, duration_override FROM staff_services WHERE staff_id = ${id}`;
		expect(services).toEqual([
			{ service_id: ids.service, price_override: 5500, duration_override: 150 }
		]);
		const areas =
			await pg.sql`SELECT postcode, radius_km, is_active FROM staff_areas WHERE staff_id = ${id}`;
		expect(areas).toEqual([{ postcode: 'N16', radius_km: 4, is_active: true }]);
		// No password until the office issues one.
		expect(await pg.sql`SELECT 1 FROM user_passwords WHERE user_id = ${userId}`).toHaveLength(0);
		expect(await auditCount('cleaners.create', id)).toBe(1);
	});

	it('refuses a bad form with a message per field and writes nothing', async () => {
		const before =
			await pg.sql`SELECT (SELECT count(*) FROM staff) AS s, (SELECT count(*) FROM users) AS u, (SELECT count(*) FROM audit_log) AS a`;
		const { id, refusal } = await createCleaner(admin, {
			name: '',
			hours: [{ dayOfWeek: 1, start: '17:00', end: '09:00', breaks: [] }],
			areas: [{ postcode: 'ZZ9 9ZZ', radiusKm: '5' }]
		});
		expect(refusal).toMatchObject({
			code: 'VALIDATION_ERROR',
			fields: {
				name: 'Enter the cleaner’s name',
				'hours.0.end': 'End after the start',
				'areas.0.postcode': expect.stringContaining('ZZ9')
			}
		});
		const after =
			await pg.sql`SELECT (SELECT count(*) FROM staff) AS s, (SELECT count(*) FROM users) AS u, (SELECT count(*) FROM audit_log) AS a`;
		expect(after).toEqual(before);
		expect(await pg.sql`SELECT 1 FROM staff WHERE id = ${id}`).toHaveLength(0);
	});

	it('refuses an email another account uses, and an unknown service', async () => {
		const { refusal } = await createCleaner(admin, {
			email: 'North.Manager@valclean.test',
			services: [{ serviceId: crypto.randomUUID(), price: '', duration: '' }]
		});
		expect(refusal).toMatchObject({
			code: 'VALIDATION_ERROR',
			fields: {
				email: 'Another account already uses this email',
				'services.0.serviceId': 'Choose a service from the list'
			}
		});
	});

	it('an edit replaces hours, services and areas and follows the email into the account', async () => {
		const { id, userId } = await createCleaner(admin);
		const email = `dana.new.${crypto.randomUUID().slice(0, 6)}@example.co.uk`;
		const refusal = await run(
			'cleaners.update',
			{
				id,
				form: cleanerForm({
					email,
					hours: [{ dayOfWeek: 4, start: '10:00', end: '18:00', breaks: [] }],
					services: [{ serviceId: ids.service, price: '', duration: '' }],
					areas: []
				})
			},
			// The scope is worked out per request, as the endpoint does: now with the new cleaner.
			await contextOf('north.manager@valclean.test')
		);
		expect(refusal).toBeNull();
		expect(await pg.sql`SELECT day_of_week FROM staff_schedules WHERE staff_id = ${id}`).toEqual([
			{ day_of_week: 4 }
		]);
		expect(await pg.sql`SELECT price_override FROM staff_services WHERE staff_id = ${id}`).toEqual([
			{ price_override: null }
		]);
		expect(await pg.sql`SELECT 1 FROM staff_areas WHERE staff_id = ${id}`).toHaveLength(0);
		expect((await pg.sql`SELECT email FROM users WHERE id = ${userId}`)[0].email).toBe(email);
		expect(await auditCount('cleaners.update', id)).toBe(1);
	});

	it('an edit sets the home postcode and own travel values; a form without them keeps them', async () => {
		const { id } = await createCleaner(admin);
		const travel = { homePostcode: 'e8 1aa', roadFactor: '', speedKmh: '15', overheadMinutes: '' };
		expect(await run('cleaners.update', { id, form: cleanerForm({ travel }) }, admin)).toBeNull();
		const stored = async () =>
			(
				await pg.sql`SELECT home_postcode, road_factor, speed_kmh, overhead_minutes
				FROM staff_travel WHERE staff_id = ${id}`
			)[0];
		expect(await stored()).toEqual({
			home_postcode: 'E8 1AA',
			road_factor: null,
			speed_kmh: 15,
			overhead_minutes: null
		});
		// The office's cleaner query carries it (and only the office's: staff rows reach customers).
		const row = await read<{ travel?: { homePostcode: string } }>(manageCleaner, { id }, admin);
		expect(row.travel?.homePostcode).toBe('E8 1AA');
		expect(await run('cleaners.update', { id, form: cleanerForm() }, admin)).toBeNull();
		expect((await stored()).home_postcode).toBe('E8 1AA');
		const bad = await run(
			'cleaners.update',
			{ id, form: cleanerForm({ travel: { ...travel, speedKmh: '500' } }) },
			admin
		);
		expect(bad?.fields).toEqual({
			'travel.speedKmh': 'Travel speed must be 3 to 120 km/h, or leave it empty'
		});
	});

	it('a scoped manager cannot edit a cleaner outside their scope; nothing changes', async () => {
		expect(south.office?.all === false && !south.office.staffIDs.includes(ids.northCleaner)).toBe(
			true
		);
		const [before] = await pg.sql`SELECT name, email FROM staff WHERE id = ${ids.northCleaner}`;
		const refusal = await run(
			'cleaners.update',
			{ id: ids.northCleaner, form: cleanerForm({ name: 'Taken Over' }) },
			south
		);
		expect(refusal).toMatchObject({ code: 'FORBIDDEN' });
		expect((await pg.sql`SELECT name, email FROM staff WHERE id = ${ids.northCleaner}`)[0]).toEqual(
			before
		);
		expect(await auditCount('cleaners.update', ids.northCleaner)).toBe(0);
		// The synced list holds only their own cleaners.
		const listed = await read<{ id: string }[]>(manageCleaners, undefined, south);
		expect(listed.map((c) => c.id).sort()).toEqual(
			[...(south.office as { staffIDs: string[] }).staffIDs].sort()
		);
	});

	it('a scoped manager creates cleaners only at their own locations', async () => {
		const elsewhere = await createCleaner(north, { locationId: ids.southLocation });
		expect(elsewhere.refusal).toMatchObject({
			code: 'VALIDATION_ERROR',
			fields: { locationId: 'Choose one of your locations' }
		});
		// The south manager runs no location (chosen cleaners only): no new cleaners at all.
		expect((await createCleaner(south)).refusal).toMatchObject({ code: 'FORBIDDEN' });
		const made = await createCleaner(north);
		expect(made.refusal).toBeNull();
		// North's list shows the new cleaner at once, though the scope it was worked out with (as
		// an open connection's may be) predates them: their location is in it.
		expect((north.office as { staffIDs: string[] }).staffIDs.includes(made.id)).toBe(false);
		const listed = await read<{ id: string }[]>(manageCleaners, undefined, north);
		expect(listed.map((c) => c.id)).toContain(made.id);
		expect(await read(manageCleaner, { id: made.id }, north)).toMatchObject({ id: made.id });
		expect(await read(manageCleaner, { id: made.id }, south)).toBeUndefined();
	});

	it('archiving deactivates the account and ends its sessions; refused with jobs ahead', async () => {
		const { id, userId } = await createCleaner(admin);
		await createSession(pg.db, userId, 30);
		const northNow = await contextOf('north.manager@valclean.test');
		expect(await run('cleaners.archive', { id, archived: true }, northNow)).toBeNull();
		expect((await pg.sql`SELECT is_active FROM staff WHERE id = ${id}`)[0].is_active).toBe(false);
		expect((await pg.sql`SELECT is_active FROM users WHERE id = ${userId}`)[0].is_active).toBe(
			false
		);
		expect(await pg.sql`SELECT 1 FROM sessions WHERE user_id = ${userId}`).toHaveLength(0);
		expect(await run('cleaners.archive', { id, archived: false }, northNow)).toBeNull();
		expect((await pg.sql`SELECT is_active FROM users WHERE id = ${userId}`)[0].is_active).toBe(
			true
		);

		// A confirmed job tomorrow keeps the cleaner on.
		const [{ id: appointmentId }] = await pg.sql`
			INSERT INTO appointments (staff_id, service_id, location_id, start_time, end_time, status,
			  blocked_from, blocked_until)
			VALUES (${id}, ${ids.service}, ${ids.northLocation}, now() + interval '1 day',
			  now() + interval '1 day 2 hours', 'confirmed', now() + interval '1 day',
			  now() + interval '1 day 2 hours')
			RETURNING id`;
		expect(await run('cleaners.archive', { id, archived: true }, admin)).toMatchObject({
			code: 'HAS_UPCOMING_JOBS',
			message: 'Dana Cole has 1 booked job ahead: move them to another cleaner first'
		});
		await pg.sql`DELETE FROM appointments WHERE id = ${appointmentId}`;
	});

	it('a cleaner linked to an office account cannot be used to take that account over', async () => {
		// An office user who also cleans: the south manager's account on a north cleaner.
		const { id, userId } = await createCleaner(admin);
		const [southUser] =
			await pg.sql`SELECT id, email, is_active FROM users WHERE email = 'south.manager@valclean.test'`;
		await pg.sql`UPDATE staff SET user_id = ${southUser.id} WHERE id = ${id}`;
		await pg.sql`DELETE FROM users WHERE id = ${userId}`;
		await createSession(pg.db, southUser.id, 30);
		const northNow = await contextOf('north.manager@valclean.test');
		const form = cleanerForm({ email: `taken.${Date.now()}@example.co.uk` });
		expect(await run('cleaners.update', { id, form }, northNow)).toBeNull();
		expect(await run('cleaners.archive', { id, archived: true }, northNow)).toBeNull();
		const [after] = await pg.sql`SELECT id, email, is_active FROM users WHERE id = ${southUser.id}`;
		expect(after).toEqual(southUser);
		expect(await pg.sql`SELECT 1 FROM sessions WHERE user_id = ${southUser.id}`).toHaveLength(1);
		await run('cleaners.archive', { id, archived: false }, northNow);
		expect(
			await issueTemporaryPassword(pg.db, northNow, { kind: 'cleaner', staffId: id })
		).toMatchObject({ ok: false, code: 'NOT_FOUND' });
		await pg.sql`UPDATE staff SET user_id = NULL WHERE id = ${id}`;
		await pg.sql`DELETE FROM sessions WHERE user_id = ${southUser.id}`;
	});

	it('a temporary password is shown once, stored hashed, and ends old sessions', async () => {
		const { id, userId } = await createCleaner(admin);
		await createSession(pg.db, userId, 30);
		expect(
			await issueTemporaryPassword(pg.db, south, { kind: 'cleaner', staffId: id })
		).toMatchObject({
			ok: false,
			code: 'FORBIDDEN'
		});
		const northNow = await contextOf('north.manager@valclean.test');
		const issued = await issueTemporaryPassword(pg.db, northNow, { kind: 'cleaner', staffId: id });
		if (!issued.ok) throw new Error(issued.message);
		expect(issued.password).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){4}$/);
		const [{ hash }] = await pg.sql`SELECT hash FROM user_passwords WHERE user_id = ${userId}`;
		expect(hash).not.toContain(issued.password);
		expect(await verifyPassword(hash, issued.password)).toBe(true);
		expect(await pg.sql`SELECT 1 FROM sessions WHERE user_id = ${userId}`).toHaveLength(0);
		const [audit] =
			await pg.sql`SELECT details FROM audit_log WHERE action = 'accounts.issueTemporaryPassword' AND entity_id = ${userId}`;
		expect(JSON.stringify(audit.details)).not.toContain(issued.password);
	});
});

const customerForm = (row: Record<string, string>, over: Partial<CustomerFormInput> = {}) => ({
	name: row.name,
	email: row.email,
	phone: row.phone,
	addressLine1: row.address_line1 || '1 High Street',
	addressLine2: row.address_line2,
	city: row.city,
	county: row.county,
	postcode: row.postcode,
	notes: '',
	tags: '',
	...over
});

describe('customers', () => {
	/** Customers the south manager reaches through a booking only, and one they never reach. */
	async function southCustomers() {
		const scope = south.office as { staffIDs: string[]; customerIDs: string[] };
		const [viaBooking] = await pg.sql`
			SELECT c.* FROM customers c
			WHERE c.id <> ALL(${scope.customerIDs}::uuid[]) AND EXISTS (
				SELECT 1 FROM customer_appointments ca JOIN appointments a ON a.id = ca.appointment_id
				WHERE ca.customer_id = c.id AND a.staff_id = ANY(${scope.staffIDs}::uuid[]))
			LIMIT 1`;
		const [outside] = await pg.sql`
			SELECT c.* FROM customers c
			WHERE c.id <> ALL(${scope.customerIDs}::uuid[]) AND NOT EXISTS (
				SELECT 1 FROM customer_appointments ca JOIN appointments a ON a.id = ca.appointment_id
				WHERE ca.customer_id = c.id AND a.staff_id = ANY(${scope.staffIDs}::uuid[]))
			LIMIT 1`;
		return { listed: scope.customerIDs[0], viaBooking, outside };
	}

	it('search finds customers by name, email, phone and postcode, within scope', async () => {
		const { viaBooking, outside } = await southCustomers();
		const search = (search: string, ctx: AuthContext) =>
			read<{ id: string }[]>(manageCustomers, { search, archived: false }, ctx).then((rows) =>
				rows.map((r) => r.id)
			);
		const compact = (viaBooking.postcode as string).replace(' ', '').toLowerCase();
		expect(await search(compact, admin)).toContain(viaBooking.id);
		expect(await search(viaBooking.email.toUpperCase(), admin)).toContain(viaBooking.id);
		expect(await search(viaBooking.name.split(' ')[0].toLowerCase(), admin)).toContain(
			viaBooking.id
		);
		expect(viaBooking.phone).toMatch(/^0\d{4} \d{6}$/);
		expect(await search(viaBooking.phone.slice(-4), admin)).toContain(viaBooking.id);
		// The number written another way: no spaces, or international.
		expect(await search(viaBooking.phone.replace(' ', ''), admin)).toContain(viaBooking.id);
		const international = `+44 ${viaBooking.phone.slice(1, 5)} ${viaBooking.phone.slice(6, 9)} ${viaBooking.phone.slice(9)}`;
		expect(await search(international, admin)).toContain(viaBooking.id);
		expect(await search(compact, south)).toContain(viaBooking.id);
		expect(await search(outside.name, admin)).toContain(outside.id);
		expect(await search(outside.name, south)).not.toContain(outside.id);
		// Everyone in scope, no search: listed and booked customers, nobody else.
		const all = await search('', south);
		expect(all).toContain(viaBooking.id);
		expect(all).not.toContain(outside.id);
		expect(await read(manageCustomer, { id: outside.id }, south)).toBeUndefined();
	});

	it('an edit saves contact details, notes and tags; out of scope is refused and unchanged', async () => {
		const { viaBooking, outside, listed } = await southCustomers();
		const form = customerForm(viaBooking, { notes: 'Side gate', tags: 'Dog, key holder' });
		expect(await run('customers.update', { id: viaBooking.id, form }, south)).toBeNull();
		const [saved] = await pg.sql`SELECT notes, tags FROM customers WHERE id = ${viaBooking.id}`;
		expect(saved).toEqual({ notes: 'Side gate', tags: ['dog', 'key holder'] });
		expect(await auditCount('customers.update', viaBooking.id)).toBe(1);
		expect(
			await run(
				'customers.update',
				{ id: listed, form: { ...form, email: 'x@example.com' } },
				south
			)
		).toBeNull();

		const refusal = await run(
			'customers.update',
			{ id: outside.id, form: customerForm(outside, { notes: 'mine now' }) },
			south
		);
		expect(refusal).toMatchObject({ code: 'NOT_FOUND' });
		expect((await pg.sql`SELECT notes FROM customers WHERE id = ${outside.id}`)[0].notes).toBe(
			outside.notes
		);
		expect(await auditCount('customers.update', outside.id)).toBe(0);

		const bad = await run(
			'customers.update',
			{ id: viaBooking.id, form: { ...form, postcode: 'nowhere' } },
			south
		);
		expect(bad).toMatchObject({
			code: 'VALIDATION_ERROR',
			fields: { postcode: expect.stringContaining('not a UK postcode') }
		});
	});

	it('archiving takes a customer out of the list, into the archived one', async () => {
		const { viaBooking } = await southCustomers();
		expect(await run('customers.archive', { id: viaBooking.id, archived: true }, admin)).toBeNull();
		const active = await read<{ id: string }[]>(
			manageCustomers,
			{ search: viaBooking.email, archived: false },
			admin
		);
		const archived = await read<{ id: string }[]>(
			manageCustomers,
			{ search: viaBooking.email, archived: true },
			admin
		);
		expect(active.map((r) => r.id)).not.toContain(viaBooking.id);
		expect(archived.map((r) => r.id)).toContain(viaBooking.id);
		expect(
			await run('customers.archive', { id: viaBooking.id, archived: false }, admin)
		).toBeNull();
		expect(await auditCount('customers.archive', viaBooking.id)).toBe(2);
	});
});

const managerForm = (over: Partial<ManagerFormInput> = {}): ManagerFormInput => ({
	name: 'Jo Reed',
	email: `jo.${crypto.randomUUID().slice(0, 8)}@valclean.test`,
	canManageAll: false,
	permissions: ['record_payments'],
	locationIds: [ids.northLocation],
	staffIds: [],
	customerIds: [],
	...over
});

describe('managers', () => {
	it('only an admin creates, edits or archives managers', async () => {
		const id = crypto.randomUUID();
		const userId = crypto.randomUUID();
		for (const ctx of [north, south])
			expect(await run('managers.create', { id, userId, form: managerForm() }, ctx)).toMatchObject({
				code: 'FORBIDDEN'
			});
		expect(await pg.sql`SELECT 1 FROM users WHERE id = ${userId}`).toHaveLength(0);
		const [southManager] =
			await pg.sql`SELECT m.id FROM managers m JOIN users u ON u.id = m.user_id WHERE u.email = 'south.manager@valclean.test'`;
		expect(
			await run('managers.archive', { id: southManager.id, archived: true }, north)
		).toMatchObject({ code: 'FORBIDDEN' });
		expect(
			await run(
				'managers.update',
				{ id: southManager.id, form: managerForm({ canManageAll: true }) },
				south
			)
		).toMatchObject({ code: 'FORBIDDEN' });
		expect(
			(await pg.sql`SELECT can_manage_all FROM managers WHERE id = ${southManager.id}`)[0]
		).toEqual({
			can_manage_all: false
		});
		// Nor do they see managers: the synced queries answer nothing.
		expect(await read(manageManagers, undefined, north)).toEqual([]);
		expect((await read<unknown[]>(manageManagers, undefined, admin)).length).toBeGreaterThanOrEqual(
			2
		);
	});

	it('a new manager reaches what the admin chose; without manage_staff they cannot edit cleaners', async () => {
		const id = crypto.randomUUID();
		const userId = crypto.randomUUID();
		const form = managerForm();
		expect(await run('managers.create', { id, userId, form }, admin)).toBeNull();
		expect(await auditCount('managers.create', id)).toBe(1);
		const [user] = await pg.sql`SELECT * FROM users WHERE id = ${userId}`;
		expect(user).toMatchObject({ role: 'manager', is_active: true, email: form.email });
		const jo = await authContextFor(
			pg.db,
			(await pg.db.select().from(users).where(eq(users.id, userId)))[0]
		);
		expect(jo.permissions).toEqual(['record_payments']);
		expect(jo.office).toMatchObject({ all: false, locationIDs: [ids.northLocation] });
		// In scope, but without the permission.
		const [before] = await pg.sql`SELECT name FROM staff WHERE id = ${ids.northCleaner}`;
		expect(
			await run('cleaners.update', { id: ids.northCleaner, form: cleanerForm({ name: 'X' }) }, jo)
		).toMatchObject({ code: 'FORBIDDEN' });
		expect(
			await run('cleaners.archive', { id: ids.northCleaner, archived: true }, jo)
		).toMatchObject({ code: 'FORBIDDEN' });
		expect((await pg.sql`SELECT name FROM staff WHERE id = ${ids.northCleaner}`)[0]).toEqual(
			before
		);

		// The admin grants it and moves Jo's reach to chosen cleaners: the next request sees it.
		const edited = managerForm({
			...form,
			permissions: ['manage_staff'],
			locationIds: [],
			staffIds: [ids.northCleaner]
		});
		expect(await run('managers.update', { id, form: edited }, admin)).toBeNull();
		const after = await authContextFor(
			pg.db,
			user && (await pg.db.select().from(users).where(eq(users.id, userId)))[0]
		);
		expect(after.permissions).toEqual(['manage_staff']);
		expect(after.office).toMatchObject({
			all: false,
			locationIDs: [],
			staffIDs: [ids.northCleaner]
		});
		expect(await pg.sql`SELECT permissions FROM managers WHERE id = ${id}`).toEqual([
			{
				permissions: {
					manage_services: false,
					manage_staff: true,
					record_payments: false,
					refund: false,
					see_revenue: false
				}
			}
		]);
	});

	it('refuses a bad form per field, writing nothing', async () => {
		const id = crypto.randomUUID();
		const refusal = await run(
			'managers.create',
			{
				id,
				userId: crypto.randomUUID(),
				form: managerForm({
					email: 'admin@valclean.test',
					permissions: ['sudo'],
					locationIds: [crypto.randomUUID()]
				})
			},
			admin
		);
		expect(refusal).toMatchObject({
			code: 'VALIDATION_ERROR',
			fields: { permissions: 'Unknown permission: sudo' }
		});
		const second = await run(
			'managers.create',
			{
				id,
				userId: crypto.randomUUID(),
				form: managerForm({ email: 'admin@valclean.test', locationIds: [crypto.randomUUID()] })
			},
			admin
		);
		expect(second).toMatchObject({
			code: 'VALIDATION_ERROR',
			fields: {
				email: 'Another account already uses this email',
				locationIds: 'Choose locations from the list'
			}
		});
		expect(await pg.sql`SELECT 1 FROM managers WHERE id = ${id}`).toHaveLength(0);
	});

	it('archiving a manager deactivates the account and ends its sessions', async () => {
		const id = crypto.randomUUID();
		const userId = crypto.randomUUID();
		expect(await run('managers.create', { id, userId, form: managerForm() }, admin)).toBeNull();
		await createSession(pg.db, userId, 30);
		expect(await run('managers.archive', { id, archived: true }, admin)).toBeNull();
		expect((await pg.sql`SELECT is_active FROM users WHERE id = ${userId}`)[0].is_active).toBe(
			false
		);
		expect(await pg.sql`SELECT 1 FROM sessions WHERE user_id = ${userId}`).toHaveLength(0);
		expect(await auditCount('managers.archive', id)).toBe(1);
	});
});
