import { ApplicationError, type ReadonlyJSONValue } from '@rocicorp/zero';
import { zeroDrizzle } from '@rocicorp/zero/server/adapters/drizzle';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../drizzle/schema.ts';
import { authContextFor } from '../../server/auth/context.ts';
import { searchSlots } from '../../server/booking/availability.ts';
import { createBookingOnServer } from '../../server/booking/create.ts';
import { activeServices } from '../../server/catalog/services.ts';
import { runServerMutator } from '../../server/zero/endpoint.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import type { SaveCategoryArgs } from '../../sync/mutators/catalog-categories.ts';
import type { SaveExtraArgs } from '../../sync/mutators/catalog-extras.ts';
import { createBookingArgs } from '../../sync/mutators/bookings.ts';
import type { SaveServiceArgs } from '../../sync/mutators/catalog-services.ts';
import { mutators } from '../../sync/mutators/index.ts';
import type { UpdateSettingsArgs } from '../../sync/mutators/settings.ts';
import {
	manageCategories,
	manageLocations,
	manageServices,
	manageSettings
} from '../../sync/queries/manage.ts';
import { schema } from '../../sync/schema.ts';
import { seedQuietDiary } from '../support/quiet-diary.ts';
import { startTestDatabase, type TestDatabase } from '../support/postgres.ts';

// The office's management changes through the same server mutators (and the same runner, so the
// same audit rows) the Zero endpoint runs, against the demo company in a real Postgres: create,
// edit, archive, refusals that write nothing, duplicates, permissions, and what customers see.

let pg: TestDatabase;
let provider: ReturnType<typeof zeroDrizzle<typeof schema, TestDatabase['db']>>;
let admin: AuthContext;
let north: AuthContext;

async function contextOf(email: string): Promise<AuthContext> {
	const [user] = await pg.db.select().from(users).where(eq(users.email, email));
	return authContextFor(pg.db, user);
}

type Mutator<A> = { readonly mutatorName: string; readonly '~': { readonly $input: A } };

/** One mutator in its own transaction, as zero-cache's push runs it. */
const run = <A extends ReadonlyJSONValue>(ctx: AuthContext | undefined, m: Mutator<A>, args: A) =>
	provider.transaction((tx) => runServerMutator(tx, m.mutatorName, args, ctx, 'app'));

async function refusal(promise: Promise<unknown>) {
	try {
		await promise;
		return null;
	} catch (error) {
		expect(error).toBeInstanceOf(ApplicationError);
		return (error as ApplicationError<{ code: string; fields?: Record<string, string> }>).details;
	}
}

const auditOf = (entityId: string) =>
	pg.sql<{ action: string; actor_role: string; source: string }[]>`
		SELECT action, actor_role, source FROM audit_log WHERE entity_id = ${entityId} ORDER BY at`;

const category = (over: Partial<SaveCategoryArgs> = {}): SaveCategoryArgs => ({
	id: uuidv7(),
	name: 'Commercial',
	slug: `commercial-${Math.random().toString(36).slice(2, 8)}`,
	description: 'Offices and shops',
	position: 5,
	...over
});

let categoryId: string;
const service = (over: Partial<SaveServiceArgs> = {}): SaveServiceArgs => ({
	id: uuidv7(),
	categoryId,
	name: 'Office clean',
	slug: `office-clean-${Math.random().toString(36).slice(2, 8)}`,
	description: 'Desks, kitchen and loos',
	durationMinutes: 120,
	price: 9000,
	paddingBeforeMinutes: 0,
	paddingAfterMinutes: 15,
	capacity: 2,
	color: '#10b981',
	depositKind: 'percent',
	depositValue: 20,
	checklist: 'Desks\nKitchen',
	questions: [
		{
			key: 'alarm',
			label: 'Alarm code?',
			type: 'text',
			required: false,
			options: [],
			maxLength: 20
		}
	],
	position: 1,
	...over
});

const serviceRow = async (id: string) =>
	(await pg.sql`SELECT * FROM services WHERE id = ${id}`)[0] as Record<string, unknown> | undefined;

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedQuietDiary(pg.url);
	provider = zeroDrizzle(schema, pg.db);
	admin = await contextOf('admin@valclean.test');
	north = await contextOf('north.manager@valclean.test');
	const first = category();
	await run(admin, mutators.catalog.createCategory, first);
	categoryId = first.id;
});

afterAll(() => pg?.stop());

describe('categories', () => {
	it('creates, edits and audits a category', async () => {
		const args = category({ name: '  Holiday   lets ' });
		await run(admin, mutators.catalog.createCategory, args);
		await run(admin, mutators.catalog.updateCategory, { ...args, description: 'Between guests' });
		const [row] = await pg.sql`SELECT * FROM categories WHERE id = ${args.id}`;
		expect(row).toMatchObject({
			name: 'Holiday lets',
			description: 'Between guests',
			is_active: true
		});
		expect(await auditOf(args.id)).toEqual([
			{ action: 'catalog.createCategory', actor_role: 'admin', source: 'app' },
			{ action: 'catalog.updateCategory', actor_role: 'admin', source: 'app' }
		]);
	});

	it('refuses a web address another category has, naming the field', async () => {
		const [{ slug }] = await pg.sql`SELECT slug FROM categories WHERE id <> ${categoryId} LIMIT 1`;
		const args = category({ slug });
		expect(await refusal(run(admin, mutators.catalog.createCategory, args))).toEqual({
			code: 'VALIDATION_ERROR',
			fields: { slug: 'Another category already uses this web address' }
		});
		expect(await pg.sql`SELECT 1 FROM categories WHERE id = ${args.id}`).toHaveLength(0);
		expect(await auditOf(args.id)).toEqual([]);
	});

	it('archives a category only once none of its services is offered', async () => {
		const args = category();
		await run(admin, mutators.catalog.createCategory, args);
		const inside = service({ categoryId: args.id });
		await run(admin, mutators.catalog.createService, inside);
		expect(
			await refusal(run(admin, mutators.catalog.archiveCategory, { id: args.id, archived: true }))
		).toEqual({ code: 'CATEGORY_IN_USE' });
		await run(admin, mutators.catalog.archiveService, { id: inside.id, archived: true });
		await run(admin, mutators.catalog.archiveCategory, { id: args.id, archived: true });
		const [row] = await pg.sql`SELECT is_active FROM categories WHERE id = ${args.id}`;
		expect(row.is_active).toBe(false);
		// Nor can its service come back into the catalogue while the category is archived.
		expect(
			await refusal(run(admin, mutators.catalog.archiveService, { id: inside.id, archived: false }))
		).toMatchObject({ code: 'VALIDATION_ERROR', fields: { categoryId: expect.any(String) } });
	});
});

describe('services', () => {
	it('creates a service customers can see and book, with its audit row', async () => {
		const args = service();
		await run(admin, mutators.catalog.createService, args);
		expect(await serviceRow(args.id)).toMatchObject({
			name: 'Office clean',
			duration_minutes: 120,
			price: 9000,
			padding_after_minutes: 15,
			capacity: 2,
			color: '#10b981',
			deposit_kind: 'percent',
			deposit_value: 20,
			checklist: ['Desks', 'Kitchen'],
			booking_fields: [
				{ key: 'alarm', label: 'Alarm code?', type: 'text', required: false, maxLength: 20 }
			],
			currency: 'GBP',
			is_active: true
		});
		const [listed] = await activeServices(pg.db, [args.id]);
		expect(listed).toMatchObject({ name: 'Office clean', category: { id: categoryId } });
		expect(await auditOf(args.id)).toEqual([
			{ action: 'catalog.createService', actor_role: 'admin', source: 'app' }
		]);
	});

	it('refuses bad fields with a message each, and writes nothing', async () => {
		const args = service({ durationMinutes: 5, price: -1, color: 'green', categoryId: 'none' });
		expect(await refusal(run(admin, mutators.catalog.createService, args))).toEqual({
			code: 'VALIDATION_ERROR',
			fields: {
				categoryId: 'Choose a category',
				durationMinutes: 'Duration must be 15 to 600 minutes',
				price: expect.stringMatching(/Price must be/),
				color: 'Choose a colour like #3b82f6'
			}
		});
		expect(await serviceRow(args.id)).toBeUndefined();
		expect(await auditOf(args.id)).toEqual([]);
	});

	it('edits every part of a service in one change', async () => {
		const args = service();
		await run(admin, mutators.catalog.createService, args);
		await run(admin, mutators.catalog.updateService, {
			...args,
			price: 9500,
			depositKind: 'fixed',
			depositValue: 2000,
			checklist: 'Desks\nKitchen\nBins',
			questions: []
		});
		expect(await serviceRow(args.id)).toMatchObject({
			price: 9500,
			deposit_kind: 'fixed',
			deposit_value: 2000,
			checklist: ['Desks', 'Kitchen', 'Bins'],
			booking_fields: []
		});
		// A refused edit leaves the whole row as it was.
		expect(
			await refusal(
				run(admin, mutators.catalog.updateService, { ...args, price: 1, checklist: 'a\na' })
			)
		).toMatchObject({ code: 'VALIDATION_ERROR', fields: { checklist: expect.any(String) } });
		expect(await serviceRow(args.id)).toMatchObject({ price: 9500 });
	});

	it('refuses a web address another service has: by the look-up, and by the database in a race', async () => {
		const [{ slug }] = await pg.sql`SELECT slug FROM services LIMIT 1`;
		const taken = service({ slug });
		expect(await refusal(run(admin, mutators.catalog.createService, taken))).toEqual({
			code: 'VALIDATION_ERROR',
			fields: { slug: 'Another service already uses this web address' }
		});
		// Another office's insert of the same new address is not committed yet when this change
		// looks: the look-up finds nothing, the insert waits on the unique index and fails once the
		// other commits. The database's refusal becomes the same field message.
		const twin = service({ slug: 'twin-clean' });
		let commit!: () => void;
		const held = new Promise<void>((resolve) => (commit = resolve));
		const other = pg.sql.begin(async (tx) => {
			await tx`
				INSERT INTO services (category_id, name, slug, duration_minutes, price)
				VALUES (${categoryId}, 'Twin', 'twin-clean', 60, 1000)`;
			await held;
		});
		await new Promise((r) => setTimeout(r, 100));
		const mine = refusal(run(admin, mutators.catalog.createService, twin));
		await new Promise((r) => setTimeout(r, 300));
		commit();
		await other;
		expect(await mine).toEqual({
			code: 'VALIDATION_ERROR',
			fields: { slug: 'Another service already uses this web address' }
		});
		expect(await serviceRow(twin.id)).toBeUndefined();
		expect(await pg.sql`SELECT id FROM services WHERE slug = 'twin-clean'`).toHaveLength(1);
	});

	it('archives a service: gone from the catalogue and the slot search, kept for the office', async () => {
		const [{ id }] = await pg.sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
		const day = addDays(localDate(Date.now(), 'Europe/London'), 3);
		const search = () =>
			searchSlots(pg.db, { serviceId: id, date: day, postcode: 'N16 9PD', now: Date.now() });
		expect((await search()).ok).toBe(true);
		await run(admin, mutators.catalog.archiveService, { id, archived: true });
		expect(await activeServices(pg.db, [id])).toEqual([]);
		expect(await search()).toMatchObject({ ok: false, reason: 'SERVICE_NOT_FOUND' });
		expect(await serviceRow(id)).toMatchObject({ is_active: false });
		await run(admin, mutators.catalog.archiveService, { id, archived: false });
		expect(await activeServices(pg.db, [id])).toHaveLength(1);
		expect((await auditOf(id)).map((a) => a.action)).toEqual([
			'catalog.archiveService',
			'catalog.archiveService'
		]);
	});
});

describe('extras', () => {
	it('creates, edits and archives an extra; customers see only offered ones', async () => {
		const owner = service();
		await run(admin, mutators.catalog.createService, owner);
		const args: SaveExtraArgs = {
			id: uuidv7(),
			serviceId: owner.id,
			name: 'Fridge',
			price: 1500,
			durationMinutes: 20,
			maxQuantity: 2,
			position: 0
		};
		await run(admin, mutators.catalog.createExtra, args);
		await run(admin, mutators.catalog.updateExtra, { ...args, price: 1800 });
		expect((await activeServices(pg.db, [owner.id]))[0].extras).toEqual([
			{ id: args.id, name: 'Fridge', price: 1800, durationMinutes: 20, maxQuantity: 2 }
		]);
		await run(admin, mutators.catalog.archiveExtra, { id: args.id, archived: true });
		expect((await activeServices(pg.db, [owner.id]))[0].extras).toEqual([]);

		// The same name again on this service, in another case: refused on the name.
		const twin = { ...args, id: uuidv7(), name: 'FRIDGE' };
		expect(await refusal(run(admin, mutators.catalog.createExtra, twin))).toEqual({
			code: 'VALIDATION_ERROR',
			fields: { name: 'This service already has an extra with this name' }
		});
		expect(await pg.sql`SELECT 1 FROM service_extras WHERE id = ${twin.id}`).toHaveLength(0);

		const bad = { ...args, id: uuidv7(), maxQuantity: 0, serviceId: uuidv7() };
		expect(await refusal(run(admin, mutators.catalog.createExtra, bad))).toEqual({
			code: 'VALIDATION_ERROR',
			fields: {
				serviceId: 'Choose the service this extra is booked with',
				maxQuantity: 'Most per booking must be 1 to 20'
			}
		});
		expect(await pg.sql`SELECT 1 FROM service_extras WHERE id = ${bad.id}`).toHaveLength(0);
	});
	it('a booking cannot take an archived extra', async () => {
		const [{ id: serviceId }] =
			await pg.sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
		const extra: SaveExtraArgs = {
			id: uuidv7(),
			serviceId,
			name: 'Balcony',
			price: 1000,
			durationMinutes: 0,
			maxQuantity: 1,
			position: 9
		};
		await run(admin, mutators.catalog.createExtra, extra);
		await run(admin, mutators.catalog.archiveExtra, { id: extra.id, archived: true });
		const day = addDays(localDate(Date.now(), 'Europe/London'), 5);
		const found = await searchSlots(pg.db, {
			serviceId,
			date: day,
			postcode: 'N16 9PD',
			now: Date.now()
		});
		if (!found.ok || !found.slots[0]) throw new Error('no free slot to book');
		const args = createBookingArgs.parse({
			id: uuidv7(),
			serviceId,
			startTime: found.slots[0].start,
			extras: [{ id: extra.id, quantity: 1 }],
			customer: {
				name: 'Ruth Okoye',
				email: 'ruth.archived.extra@example.com',
				phone: '07700 900456',
				addressLine1: '3 Albion Road',
				city: 'London',
				postcode: 'N16 9PD'
			}
		});
		expect(
			await refusal(
				pg.db.transaction((tx) => createBookingOnServer(tx, args, undefined, Date.now()))
			)
		).toMatchObject({
			code: 'VALIDATION_ERROR',
			fields: { extras: [expect.stringMatching(/not offered/)] }
		});
		expect(await pg.sql`SELECT 1 FROM appointments WHERE id = ${args.id}`).toHaveLength(0);
	});
});

describe('who may change what', () => {
	it('refuses the catalogue to a manager without manage_services, and allows it with', async () => {
		const args = category();
		expect(await refusal(run(north, mutators.catalog.createCategory, args))).toEqual({
			code: 'FORBIDDEN'
		});
		const s = service();
		expect(await refusal(run(north, mutators.catalog.createService, s))).toEqual({
			code: 'FORBIDDEN'
		});
		expect(await serviceRow(s.id)).toBeUndefined();
		for (const who of ['amira@valclean.test', 'customer@valclean.test']) {
			expect(
				await refusal(run(await contextOf(who), mutators.catalog.createCategory, category()))
			).toEqual({ code: 'FORBIDDEN' });
		}
		expect(await refusal(run(undefined, mutators.catalog.createCategory, category()))).toEqual({
			code: 'FORBIDDEN'
		});

		await pg.sql`
			UPDATE managers SET permissions = permissions || '{"manage_services": true}'::jsonb
			WHERE user_id = (SELECT id FROM users WHERE email = 'south.manager@valclean.test')`;
		const south = await contextOf('south.manager@valclean.test');
		await run(south, mutators.catalog.createCategory, args);
		expect(await auditOf(args.id)).toEqual([
			{ action: 'catalog.createCategory', actor_role: 'manager', source: 'app' }
		]);
		// Settings and locations stay the admins', whatever the manager's permissions.
		const [settings] = await pg.sql`SELECT * FROM business_settings`;
		expect(
			await refusal(
				run(south, mutators.settings.update, settingsArgs(settings, { slotStepMinutes: 15 }))
			)
		).toEqual({ code: 'FORBIDDEN' });
		expect(
			await refusal(
				run(south, mutators.locations.create, {
					id: uuidv7(),
					name: 'East',
					addressLine1: '',
					city: '',
					postcode: 'E8 1AA'
				})
			)
		).toEqual({ code: 'FORBIDDEN' });
		const [after] = await pg.sql`SELECT slot_step_minutes FROM business_settings`;
		expect(after.slot_step_minutes).toBe(settings.slot_step_minutes);
	});
});

function settingsArgs(row: Record<string, unknown>, over: Partial<UpdateSettingsArgs> = {}) {
	return {
		timeZone: row.time_zone as string,
		currency: row.currency as string,
		minNoticeMinutes: row.min_notice_minutes as number,
		horizonDays: row.horizon_days as number,
		slotStepMinutes: row.slot_step_minutes as number,
		cancellationCutoffMinutes: row.cancellation_cutoff_minutes as number,
		holdMinutes: row.hold_minutes as number,
		vatRatePercent: row.vat_rate_percent as number,
		pricesIncludeVat: row.prices_include_vat as boolean,
		weeklyDiscountPercent: row.weekly_discount_percent as number,
		fortnightlyDiscountPercent: row.fortnightly_discount_percent as number,
		fourWeeklyDiscountPercent: row.four_weekly_discount_percent as number,
		...over
	} satisfies UpdateSettingsArgs;
}

describe('locations', () => {
	it('lets an admin create, edit and archive a location', async () => {
		const args = {
			id: uuidv7(),
			name: 'East London',
			addressLine1: '',
			city: 'London',
			postcode: 'e81aa'
		};
		await run(admin, mutators.locations.create, args);
		await run(admin, mutators.locations.update, { ...args, addressLine1: '2 Mare St' });
		await run(admin, mutators.locations.archive, { id: args.id, archived: true });
		const [row] = await pg.sql`SELECT * FROM locations WHERE id = ${args.id}`;
		expect(row).toMatchObject({ address_line1: '2 Mare St', postcode: 'E8 1AA', is_active: false });
		expect((await auditOf(args.id)).map((a) => a.action)).toEqual([
			'locations.create',
			'locations.update',
			'locations.archive'
		]);
		expect(
			await refusal(
				run(admin, mutators.locations.create, {
					...args,
					id: uuidv7(),
					name: 'West London',
					postcode: 'E8'
				})
			)
		).toEqual({
			code: 'VALIDATION_ERROR',
			fields: { postcode: 'Give the full postcode, e.g. N16 7XJ' }
		});
		const [north] = await pg.sql`SELECT name FROM locations WHERE id <> ${args.id} LIMIT 1`;
		expect(
			await refusal(
				run(admin, mutators.locations.update, { ...args, name: north.name.toUpperCase() })
			)
		).toEqual({
			code: 'VALIDATION_ERROR',
			fields: { name: 'Another location already has this name' }
		});
		// The database says the same when the look-up cannot see the other row.
		await expect(
			pg.sql`INSERT INTO locations (name, postcode) VALUES (${north.name.toLowerCase()}, 'N1 1AA')`
		).rejects.toMatchObject({ code: '23505', constraint_name: 'locations_name_unique' });
	});
});

describe('business settings', () => {
	it('an admin changes the slot step: the slot search follows, and the change is audited', async () => {
		const [before] = await pg.sql`SELECT * FROM business_settings`;
		const [{ id }] = await pg.sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
		const day = addDays(localDate(Date.now(), 'Europe/London'), 4);
		const starts = async () => {
			const found = await searchSlots(pg.db, {
				serviceId: id,
				date: day,
				postcode: 'N16 9PD',
				now: Date.now()
			});
			if (!found.ok) throw new Error(found.message);
			return found.slots.map((s) => s.start);
		};
		const gaps = (list: number[]) => new Set(list.slice(1).map((t, i) => t - list[i]));
		expect(Math.min(...gaps(await starts()))).toBe(30 * 60_000);

		await run(admin, mutators.settings.update, settingsArgs(before, { slotStepMinutes: 15 }));
		const [after] = await pg.sql`SELECT * FROM business_settings`;
		expect(after.slot_step_minutes).toBe(15);
		expect(Date.parse(after.updated_at)).toBeGreaterThan(Date.parse(before.updated_at));
		expect(Math.min(...gaps(await starts()))).toBe(15 * 60_000);
		const [audit] = await pg.sql`
			SELECT details FROM audit_log WHERE action = 'settings.update' ORDER BY at DESC LIMIT 1`;
		expect(audit.details).toMatchObject({ slotStepMinutes: 15 });
	});

	it('refuses bad settings field by field and changes nothing', async () => {
		const [before] = await pg.sql`SELECT * FROM business_settings`;
		expect(
			await refusal(
				run(
					admin,
					mutators.settings.update,
					settingsArgs(before, {
						slotStepMinutes: 7,
						timeZone: 'Europe/Nowhere',
						vatRatePercent: 120
					})
				)
			)
		).toEqual({
			code: 'VALIDATION_ERROR',
			fields: {
				slotStepMinutes: 'Slot step must be a multiple of 5 minutes',
				timeZone: 'Choose a time zone such as Europe/London',
				vatRatePercent: 'VAT rate must be 0 to 99.99 %'
			}
		});
		const [after] = await pg.sql`SELECT * FROM business_settings`;
		expect(after).toEqual(before);
	});

	it('saves the travel settings, kept when a form leaves them out, and checks them', async () => {
		const [before] = await pg.sql`SELECT * FROM business_settings`;
		expect([
			before.travel_road_factor,
			before.travel_speed_kmh,
			before.travel_overhead_minutes
		]).toEqual([1.3, 25, 5]);
		const travel = { travelRoadFactor: 1.5, travelSpeedKmh: 15, travelOverheadMinutes: 10 };
		await run(admin, mutators.settings.update, settingsArgs(before, travel));
		await run(admin, mutators.settings.update, settingsArgs(before, { slotStepMinutes: 30 }));
		const travelRow = async () =>
			(
				await pg.sql`SELECT travel_road_factor, travel_speed_kmh, travel_overhead_minutes
				FROM business_settings`
			)[0];
		expect(await travelRow()).toEqual({
			travel_road_factor: 1.5,
			travel_speed_kmh: 15,
			travel_overhead_minutes: 10
		});
		expect(
			await refusal(
				run(admin, mutators.settings.update, settingsArgs(before, { travelSpeedKmh: 0 }))
			)
		).toEqual({
			code: 'VALIDATION_ERROR',
			fields: { travelSpeedKmh: 'Travel speed must be 3 to 120 km/h' }
		});
		await run(
			admin,
			mutators.settings.update,
			settingsArgs(before, { travelRoadFactor: 1.3, travelSpeedKmh: 25, travelOverheadMinutes: 5 })
		);
	});

	it('saves retention periods through the same mutator: null keeps forever, left out keeps the row’s', async () => {
		const [before] = await pg.sql`SELECT * FROM business_settings`;
		const retentionRow = async () =>
			(
				await pg.sql`SELECT photo_retention_days, position_retention_days,
					message_retention_days, abandoned_booking_retention_days FROM business_settings`
			)[0];
		await run(
			admin,
			mutators.settings.update,
			settingsArgs(before, { photoRetentionDays: 365, messageRetentionDays: null })
		);
		await run(admin, mutators.settings.update, settingsArgs(before, { slotStepMinutes: 30 }));
		expect(await retentionRow()).toEqual({
			photo_retention_days: 365,
			position_retention_days: 90,
			message_retention_days: null,
			abandoned_booking_retention_days: 30
		});
		expect(
			await refusal(
				run(
					admin,
					mutators.settings.update,
					settingsArgs(before, { abandonedBookingRetentionDays: 7.5 })
				)
			)
		).toEqual({
			code: 'VALIDATION_ERROR',
			fields: {
				abandonedBookingRetentionDays:
					'Keep abandoned bookings for 1 to 3650 whole days, or leave it empty to keep them forever'
			}
		});
		await run(
			admin,
			mutators.settings.update,
			settingsArgs(before, { photoRetentionDays: 180, messageRetentionDays: 180 })
		);
		expect(await retentionRow()).toMatchObject({ photo_retention_days: 180 });
	});

	it('moves the whole catalogue to a new currency with the settings', async () => {
		const [before] = await pg.sql`SELECT * FROM business_settings`;
		await run(
			admin,
			mutators.settings.update,
			settingsArgs(before, { currency: 'EUR', vatRatePercent: 17.5 })
		);
		const currencies = await pg.sql`SELECT DISTINCT currency FROM services`;
		expect(currencies.map((c) => c.currency)).toEqual(['EUR']);
		const [after] = await pg.sql`SELECT currency, vat_rate_percent FROM business_settings`;
		expect(after).toEqual({ currency: 'EUR', vat_rate_percent: 17.5 });
		await run(admin, mutators.settings.update, settingsArgs(before));
	});
});

describe('what the management pages sync', () => {
	const read = (ctx: AuthContext | undefined) =>
		provider.transaction(async (tx) => ({
			categories: await tx.run(manageCategories.fn({ args: undefined, ctx })),
			services: await tx.run(manageServices.fn({ args: undefined, ctx })),
			locations: await tx.run(manageLocations.fn({ args: undefined, ctx })),
			settings: await tx.run(manageSettings.fn({ args: undefined, ctx }))
		}));

	it('gives every office user the whole catalogue, archived items too', async () => {
		const seen = await read(north);
		const [{ n }] = await pg.sql`SELECT count(*)::int AS n FROM services`;
		expect(seen.services).toHaveLength(n);
		expect(seen.services.some((s) => !s.isActive)).toBe(true);
		expect(seen.services.every((s) => s.category)).toBe(true);
		expect(seen.categories.some((c) => !c.isActive)).toBe(true);
		expect(seen.locations.some((l) => !l.isActive)).toBe(true);
		expect(seen.settings?.id).toBe(1);
	});

	it('gives cleaners, customers and anonymous callers nothing', async () => {
		for (const ctx of [
			await contextOf('amira@valclean.test'),
			await contextOf('customer@valclean.test'),
			undefined
		]) {
			expect(await read(ctx)).toEqual({
				categories: [],
				services: [],
				locations: [],
				settings: undefined
			});
		}
	});
});
