import { ApplicationError, mustGetQuery, type ReadonlyJSONValue } from '@rocicorp/zero';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import { mutators } from '../../sync/mutators/index.ts';
import { queries } from '../../sync/queries/index.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import { searchSlots } from '../booking/availability.ts';
import { createApiKey } from './api-keys.ts';
import { closeDatabase } from '../db/client.ts';
import { dbProvider, runServerMutator } from '../zero/endpoint.ts';
import { authContextFor } from './context.ts';

// The authorisation matrix: every shared mutator and every synced query, tried by every role
// against the demo company in a real Postgres, through the code zero-cache's push and pull run.
// The lists are walked from the registries, so a new mutator or query without a case here fails.

const WHO = ['admin', 'north', 'south', 'other', 'cleaner', 'customer', 'anonymous'] as const;
type Who = (typeof WHO)[number];
/**
 * One letter a role, in WHO's order: A allowed, D refused, - not applicable. "north" is the manager
 * scoped to the North London location acting inside their scope, "other" the same manager acting
 * on something outside it, "south" the manager of chosen cleaners and customers without refund,
 * see_revenue or manage_services.
 */
type Plan = string;
const OFFICE: readonly Who[] = ['admin', 'north', 'south', 'other'];

let pg: TestDatabase;
const ctx = {} as Record<Who, AuthContext | undefined>;
/**
 * Demo ids the cases act on: "in" is inside the north manager's scope; "out" outside it and inside
 * the south manager's (their cleaner, their customer).
 */
const d = {} as {
	northLocation: string;
	outLocation: string;
	amira: string;
	outStaff: string;
	service: string;
	category: string;
	extra: string;
	customer: string;
	quietCustomer: string;
	outCustomer: string;
	southManager: string;
	bookingIn: { id: string; start: number };
	bookingOut: { id: string; start: number };
	freeSlot: number;
	timeOffIn: string;
	timeOffOut: string;
	timeOffOwn: string;
	settings: Record<string, unknown>;
	customers: Record<string, Record<string, string>>;
	/** Cleaners with nothing booked ahead: in the north manager's scope (not Amira), and outside it. */
	quietStaff: string;
	quietOutStaff: string;
	staffBios: Record<string, string>;
	serviceDescription: string;
	today: string;
};

const uuid = () => crypto.randomUUID();
const tag = () => uuid().slice(0, 8);

// ---------------------------------------------------------------------------------------------
// Arguments

const cleanerForm = (locationId: string) => ({
	name: 'Dana Cole',
	email: `dana.${tag()}@example.co.uk`,
	phone: '07700 900555',
	bio: '',
	locationId,
	hours: [{ dayOfWeek: 1, start: '08:00', end: '16:00', breaks: [] }],
	services: [{ serviceId: d.service, price: '55', duration: '150' }],
	areas: [{ postcode: 'N16', radiusKm: '4' }]
});
const managerForm = () => ({
	name: 'Mina Patel',
	email: `mina.${tag()}@example.co.uk`,
	canManageAll: false,
	permissions: ['record_payments'],
	locationIds: [d.northLocation],
	staffIds: [],
	customerIds: []
});
const customerForm = (id: string, notes: string) => {
	const row = d.customers[id];
	return {
		name: row.name,
		email: row.email,
		phone: row.phone,
		addressLine1: row.address_line1 || '1 High Street',
		addressLine2: row.address_line2 ?? '',
		city: row.city ?? 'London',
		county: row.county ?? '',
		postcode: row.postcode,
		notes,
		tags: ''
	};
};
const newCustomerForm = () => ({
	name: 'Pat Lee',
	email: `pat.${tag()}@example.com`,
	phone: '',
	addressLine1: '1 High Street',
	addressLine2: '',
	city: 'London',
	county: '',
	postcode: 'N16 9PD',
	notes: '',
	tags: ''
});
const category = (id: string = uuid()) => ({
	id,
	name: `Commercial ${tag()}`,
	slug: `commercial-${tag()}`,
	description: 'Offices and shops',
	position: 5
});
const service = (id: string = uuid()) => ({
	id,
	categoryId: d.category,
	name: `Office clean ${tag()}`,
	slug: `office-clean-${tag()}`,
	description: 'Desks, kitchen and loos',
	durationMinutes: 120,
	price: 9000,
	paddingBeforeMinutes: 0,
	paddingAfterMinutes: 15,
	capacity: 2,
	color: '#10b981',
	depositKind: 'percent' as const,
	depositValue: 20,
	checklist: 'Desks\nKitchen',
	questions: [],
	position: 1
});
const extra = (id: string = uuid()) => ({
	id,
	serviceId: d.service,
	name: `Fridge ${tag()}`,
	price: 1500,
	durationMinutes: 30,
	maxQuantity: 1,
	position: 9
});
const location = (id: string = uuid()) => ({
	id,
	name: `East London ${tag()}`,
	addressLine1: '1 Mare Street',
	city: 'London',
	postcode: 'E8 1AA'
});
const settingsArgs = (over: Record<string, unknown>) => {
	const row = d.settings;
	return {
		timeZone: row.time_zone,
		currency: row.currency,
		minNoticeMinutes: row.min_notice_minutes,
		horizonDays: row.horizon_days,
		slotStepMinutes: row.slot_step_minutes,
		cancellationCutoffMinutes: row.cancellation_cutoff_minutes,
		holdMinutes: row.hold_minutes,
		vatRatePercent: row.vat_rate_percent,
		pricesIncludeVat: row.prices_include_vat,
		weeklyDiscountPercent: row.weekly_discount_percent,
		fortnightlyDiscountPercent: row.fortnightly_discount_percent,
		fourWeeklyDiscountPercent: row.four_weekly_discount_percent,
		...over
	};
};
const newBooking = (startTime: number, staffId: string, postcode = 'N16 0NX') => ({
	id: uuid(),
	serviceId: d.service,
	startTime,
	staffId,
	customer: {
		name: 'Ola Nowak',
		email: `ola.${tag()}@example.com`,
		phone: '07700 900789',
		addressLine1: '9 Stoke Newington Church Street',
		city: 'London',
		postcode
	}
});
const timeOffRequest = (id = uuid()) => {
	const day = addDays(d.today, 40 + Math.floor(Math.random() * 200));
	return { id, startDate: day, startTime: null, endDate: day, endTime: null, reason: 'Dentist' };
};

// ---------------------------------------------------------------------------------------------
// Mutator cases

type Row = { table: string; id: string; key?: string };
type MutatorCase = {
	name: string;
	/** What this case shows, when a mutator has more than one. */
	label?: string;
	plan: Plan;
	/** The arguments for this role ("other" gets something outside the north manager's scope). */
	args: (who: Who) => Record<string, unknown>;
	/** Mutators run first, as the admin and in the same transaction (e.g. making the row to edit). */
	setup?: (who: Who, args: Record<string, unknown>) => [string, Record<string, unknown>][];
	/**
	 * Resolve the role's context again after the setup, as their next request would (a cleaner
	 * just made at the manager's location is in their reach from then on).
	 */
	refresh?: boolean;
	/** The row the change writes: compared before and after. */
	row: (args: Record<string, unknown>) => Row;
};

/**
 * The north manager's target, or the one outside their scope: for "other", and for the south
 * manager, whose own cleaners and customers these are (so south acts inside its scope, and what
 * it is refused it lacks the permission for).
 */
const inOut = <T>(who: Who, inside: T, outside: T) =>
	who === 'other' || who === 'south' ? outside : inside;
const byId = (table: string) => (a: Record<string, unknown>) => ({ table, id: a.id as string });

const MUTATOR_CASES: MutatorCase[] = [
	{
		name: 'appointments.updateInternalNotes',
		plan: 'AAADDDD',
		args: (who) => ({
			id: inOut(who, d.bookingIn.id, d.bookingOut.id),
			internalNotes: `Key under the mat ${tag()}`
		}),
		row: (a) => ({ table: 'appointment_notes', key: 'appointment_id', id: a.id as string })
	},
	{
		name: 'booking.create',
		plan: 'AAA-AAA',
		args: () => newBooking(d.freeSlot, d.amira),
		row: byId('appointments')
	},
	{
		name: 'booking.cancel',
		plan: 'AAADDAD',
		args: (who) => ({ id: inOut(who, d.bookingIn.id, d.bookingOut.id) }),
		row: byId('appointments')
	},
	{
		name: 'booking.reschedule',
		plan: 'AAADDAD',
		args: (who) => {
			const b = inOut(who, d.bookingIn, d.bookingOut);
			return { id: b.id, startTime: b.start + 30 * 60_000 };
		},
		row: byId('appointments')
	},
	{
		name: 'cleaners.create',
		plan: 'AADDDDD',
		args: (who) => ({
			id: uuid(),
			userId: uuid(),
			form: cleanerForm(inOut(who, d.northLocation, d.outLocation))
		}),
		row: byId('staff')
	},
	{
		name: 'cleaners.update',
		plan: 'AADDDDD',
		args: (who) => ({ id: uuid(), form: cleanerForm(inOut(who, d.northLocation, d.outLocation)) }),
		setup: (_, a) => [
			[
				'cleaners.create',
				{ id: a.id, userId: uuid(), form: { ...(a.form as object), name: 'Dana Old' } }
			]
		],
		refresh: true,
		row: byId('staff')
	},
	{
		name: 'cleaners.archive',
		plan: 'AADDDDD',
		args: () => ({ id: uuid(), archived: true }),
		setup: (who, a) => [
			[
				'cleaners.create',
				{ id: a.id, userId: uuid(), form: cleanerForm(inOut(who, d.northLocation, d.outLocation)) }
			]
		],
		refresh: true,
		row: byId('staff')
	},
	{
		name: 'customers.create',
		plan: 'AAA-DDD',
		args: () => ({ id: uuid(), form: newCustomerForm() }),
		row: byId('customers')
	},
	{
		name: 'customers.update',
		plan: 'AAADDDD',
		args: (who) => {
			const id = inOut(who, d.customer, d.outCustomer);
			return { id, form: customerForm(id, `Side gate ${tag()}`) };
		},
		row: byId('customers')
	},
	{
		name: 'customers.archive',
		plan: 'AAADDDD',
		args: (who) => ({ id: inOut(who, d.quietCustomer, d.outCustomer), archived: true }),
		row: byId('customers')
	},
	{
		name: 'managers.create',
		plan: 'ADD-DDD',
		args: () => ({ id: uuid(), userId: uuid(), form: managerForm() }),
		row: byId('managers')
	},
	{
		name: 'managers.update',
		plan: 'ADD-DDD',
		args: () => ({ id: uuid(), form: managerForm() }),
		setup: (_, a) => [
			[
				'managers.create',
				{ id: a.id, userId: uuid(), form: { ...managerForm(), permissions: ['refund'] } }
			]
		],
		row: byId('managers')
	},
	{
		name: 'managers.archive',
		plan: 'ADD-DDD',
		args: () => ({ id: d.southManager, archived: true }),
		// Archiving switches the manager's sign-in account off.
		row: () => ({ table: 'users', id: ctx.south!.userID })
	},
	...catalogCases()
	// The rest follow below, in registry order.
];

function catalogCases(): MutatorCase[] {
	const kinds = [
		['Category', 'categories', category],
		['Service', 'services', service],
		['Extra', 'service_extras', extra]
	] as const;
	return kinds.flatMap(([kind, table, make]): MutatorCase[] => [
		{ name: `catalog.create${kind}`, plan: 'ADD-DDD', args: () => make(), row: byId(table) },
		{
			name: `catalog.update${kind}`,
			plan: 'ADD-DDD',
			args: () => ({ ...make(), position: 7 }),
			setup: (_, a) => [[`catalog.create${kind}`, { ...a, position: 6 }]],
			row: byId(table)
		},
		{
			name: `catalog.archive${kind}`,
			plan: 'ADD-DDD',
			args: () => ({ id: uuid(), archived: true }),
			setup: (_, a) => [[`catalog.create${kind}`, make(a.id as string)]],
			row: byId(table)
		}
	]);
}

MUTATOR_CASES.push(
	{ name: 'locations.create', plan: 'ADD-DDD', args: () => location(), row: byId('locations') },
	{
		name: 'locations.update',
		plan: 'ADD-DDD',
		args: () => ({ ...location(), addressLine1: '2 Mare Street' }),
		setup: (_, a) => [['locations.create', { ...a, addressLine1: '1 Mare Street' }]],
		row: byId('locations')
	},
	{
		name: 'locations.archive',
		plan: 'ADD-DDD',
		args: () => ({ id: uuid(), archived: true }),
		setup: (_, a) => [['locations.create', location(a.id as string)]],
		row: byId('locations')
	},
	{
		name: 'payments.record',
		plan: 'AAADDDD',
		args: (who) => ({
			id: uuid(),
			appointmentId: inOut(who, d.bookingIn.id, d.bookingOut.id),
			amount: 500,
			method: 'cash',
			reference: '',
			receivedOn: d.today
		}),
		row: byId('payments')
	},
	{
		name: 'payments.refund',
		plan: 'AADDDDD',
		args: (who) => ({
			id: uuid(),
			appointmentId: inOut(who, d.bookingIn.id, d.bookingOut.id),
			amount: 100,
			method: 'cash',
			reference: '',
			reason: 'Broken vase',
			refundedOn: d.today
		}),
		row: byId('payment_refunds')
	},
	{
		name: 'services.setChecklist',
		plan: 'ADD-DDD',
		args: () => ({ serviceId: d.service, text: `Kitchen\nBathroom ${tag()}` }),
		row: (a) => ({ table: 'services', id: a.serviceId as string })
	},
	{
		name: 'settings.update',
		plan: 'ADD-DDD',
		args: () => settingsArgs({ slotStepMinutes: d.settings.slot_step_minutes === 15 ? 30 : 15 }),
		row: () => ({ table: 'business_settings', id: '1' })
	},
	{
		name: 'timeOff.request',
		label: 'a cleaner asks for their own time off',
		plan: 'DDD-ADD',
		args: () => timeOffRequest(),
		row: byId('staff_time_off')
	},
	{
		name: 'timeOff.withdraw',
		label: "a cleaner withdraws their own request, never another's",
		plan: 'DDDDADD',
		args: (who) => ({ id: inOut(who, d.timeOffOwn, d.timeOffOut) }),
		row: byId('staff_time_off')
	},
	{
		name: 'timeOff.withdraw',
		label: "another cleaner's request",
		plan: 'DDD-DDD',
		args: () => ({ id: d.timeOffOut }),
		row: byId('staff_time_off')
	},
	{
		name: 'timeOff.decide',
		plan: 'AAADDDD',
		args: (who) => ({ id: inOut(who, d.timeOffIn, d.timeOffOut), decision: 'approved' }),
		row: byId('staff_time_off')
	}
);

/** Every mutator name in the shared registry (the leaves carry their `mutatorName`). */
function registryNames(tree: object): string[] {
	return Object.values(tree).flatMap((v) =>
		v && (typeof v === 'object' || typeof v === 'function') && 'mutatorName' in v
			? [(v as { mutatorName: string }).mutatorName]
			: v && typeof v === 'object'
				? registryNames(v)
				: []
	);
}

// ---------------------------------------------------------------------------------------------
// Running a case

const ROLLBACK = new Error('rollback');
type ServerTx = Parameters<Parameters<ReturnType<typeof dbProvider>['transaction']>[0]>[0];

async function rowOf(tx: ServerTx, { table, id, key = 'id' }: Row) {
	const rows = await tx.dbTransaction.query(
		`SELECT to_jsonb(t) AS row FROM ${table} t WHERE ${key}::text = $1`,
		[id]
	);
	return [...rows].map((r) => (r as { row: unknown }).row);
}

async function auditCount(tx: ServerTx, action: string, userId: string | undefined) {
	const rows = await tx.dbTransaction.query(
		'SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND actor_user_id::text = $2',
		[action, userId ?? '']
	);
	return ([...rows][0] as { n: number }).n;
}

type Outcome = { allowed: boolean; code?: string; message?: string; fields?: object };

/**
 * Runs one mutator as this role in a transaction that is always rolled back, checking inside it
 * that a refusal wrote nothing and that an accepted office change wrote its row and audit row.
 */
async function attempt(c: MutatorCase, who: Who): Promise<Outcome> {
	const args = c.args(who);
	let as = ctx[who];
	let outcome: Outcome | undefined;
	try {
		await dbProvider().transaction(async (tx) => {
			for (const [name, a] of c.setup?.(who, args) ?? [])
				await runServerMutator(tx, name, a as ReadonlyJSONValue, ctx.admin, 'app');
			if (c.refresh && as) {
				const [user] = [
					...(await tx.dbTransaction.query('SELECT * FROM users WHERE id = $1', [as.userID]))
				];
				as = await authContextFor(tx.dbTransaction.wrappedTransaction as never, user as never);
			}
			const row = c.row(args);
			const before = await rowOf(tx, row);
			const auditBefore = await auditCount(tx, c.name, as?.userID);
			try {
				await runServerMutator(tx, c.name, args as ReadonlyJSONValue, as, 'app');
				outcome = { allowed: true };
			} catch (error) {
				if (!(error instanceof ApplicationError)) throw error;
				const { code, fields } = (error.details ?? {}) as { code?: string; fields?: object };
				outcome = { allowed: false, code, message: error.message, fields };
			}
			const after = await rowOf(tx, row);
			const audited = (await auditCount(tx, c.name, as?.userID)) - auditBefore;
			const label = `${c.name} as ${who}`;
			if (outcome.allowed) {
				expect(after, `${label}: the change reaches its row`).not.toEqual(before);
				if (OFFICE.includes(who)) expect(audited, `${label}: audit row`).toBe(1);
			} else {
				expect(after, `${label}: nothing written`).toEqual(before);
				expect(audited, `${label}: no audit row`).toBe(0);
			}
			throw ROLLBACK;
		});
	} catch (error) {
		if (error !== ROLLBACK) throw error;
	}
	return outcome!;
}

// ---------------------------------------------------------------------------------------------
// Query cases

type Scope = Extract<NonNullable<AuthContext['office']>, { all: false }>;
type QueryRow = Record<string, unknown>;
type QueryCase = {
	name: string;
	args: (who: Who) => Record<string, unknown> | undefined;
	/**
	 * office: the office's own data — nothing for cleaners, customers and anonymous; rows within
	 * a scoped manager's reach (inScope) only; the admin sees `all` rows when given.
	 * admin: the admin's alone. own: what the role sees is checked by `check`. public: the
	 * booking page's, the same for everyone.
	 */
	kind: 'office' | 'admin' | 'own' | 'public';
	inScope?: (row: QueryRow, scope: Scope) => boolean;
	/** How many rows the admin sees: everything there is. */
	all?: () => Promise<number>;
	check?: (rows: QueryRow[], who: Who) => void;
};

const appointmentInScope = (row: QueryRow, s: Scope) =>
	s.staffIDs.includes(row.staffId as string) || s.locationIDs.includes(row.locationId as string);
const reachCustomers = {} as Record<'north' | 'south', Set<string>>;
const who2 = (s: Scope) => (s === ctx.north?.office ? 'north' : 'south');
const customerInReach = (row: QueryRow, s: Scope) => reachCustomers[who2(s)].has(row.id as string);
const staffInScope = (row: QueryRow, s: Scope) =>
	s.staffIDs.includes(row.id as string) || s.locationIDs.includes(row.locationId as string);
const dayRange = () => ({
	from: Date.parse(`${addDays(d.today, -60)}T00:00:00Z`),
	to: Date.parse(`${addDays(d.today, 60)}T00:00:00Z`)
});
const count = (query: string) => async () => (await pg.sql.unsafe(query))[0].n as number;

const QUERY_CASES: QueryCase[] = [
	{
		name: 'account.bookings',
		args: () => undefined,
		kind: 'own',
		check: (rows, who) => {
			if (who === 'customer') {
				expect(rows.length).toBeGreaterThan(0);
				for (const r of rows) expect(r.customerId).toBe(ctx.customer!.customerID);
			} else expect(rows).toEqual([]);
		}
	},
	{
		name: 'appointments.officeDay',
		args: dayRange,
		kind: 'office',
		inScope: appointmentInScope,
		all: async () => {
			const { from, to } = dayRange();
			return (
				await pg.sql`SELECT count(*)::int AS n FROM appointments
					WHERE start_time >= ${new Date(from).toISOString()} AND start_time < ${new Date(to).toISOString()}`
			)[0].n;
		}
	},
	{
		name: 'appointments.officeCalendar',
		args: dayRange,
		kind: 'office',
		inScope: appointmentInScope
	},
	{
		name: 'appointments.officeBooking',
		args: (who) => ({ id: inOut(who, d.bookingIn.id, d.bookingOut.id) }),
		kind: 'office',
		inScope: appointmentInScope
	},
	{
		name: 'appointments.officeStaff',
		args: () => undefined,
		kind: 'office',
		inScope: staffInScope,
		all: count('SELECT count(*)::int AS n FROM staff WHERE is_active')
	},
	{
		name: 'booking.hours',
		args: () => ({ staffIds: [d.amira, d.outStaff] }),
		kind: 'public'
	},
	{
		name: 'booking.busy',
		args: () => ({ staffIds: [d.amira, d.outStaff], ...dayRange() }),
		kind: 'public'
	},
	{ name: 'calendar.settings', args: () => undefined, kind: 'office', inScope: () => true },
	{
		name: 'calendar.travel',
		args: () => undefined,
		kind: 'office',
		inScope: (row, s) => s.staffIDs.includes(row.staffId as string),
		all: count('SELECT count(*)::int AS n FROM staff_travel')
	},
	{
		name: 'catalog.officeServices',
		args: () => undefined,
		kind: 'office',
		inScope: () => true,
		all: count('SELECT count(*)::int AS n FROM services')
	},
	{
		name: 'field.myJobs',
		args: dayRange,
		kind: 'own',
		check: (rows, who) => {
			if (who === 'cleaner') {
				expect(rows.length).toBeGreaterThan(0);
				for (const r of rows) expect(r.staffId).toBe(ctx.cleaner!.staffID);
			} else expect(rows).toEqual([]);
		}
	},
	{
		name: 'field.myJob',
		args: () => ({ id: d.bookingIn.id }),
		kind: 'own',
		check: (rows, who) => {
			// The cleaner's own job (amira's); nobody else reaches the field's view of it.
			if (who === 'cleaner') expect(rows.map((r) => r.id)).toEqual([d.bookingIn.id]);
			else expect(rows).toEqual([]);
		}
	},
	{
		name: 'field.travelSettings',
		args: () => undefined,
		kind: 'own',
		check: (rows, who) => expect(rows.length).toBe(who === 'cleaner' ? 1 : 0)
	},
	{
		name: 'field.myTravel',
		args: () => undefined,
		kind: 'own',
		check: (rows, who) => {
			// Only the cleaner's own row (one, when the office has set their home), never another's.
			if (who === 'cleaner') for (const r of rows) expect(r.staffId).toBe(ctx.cleaner!.staffID);
			else expect(rows).toEqual([]);
		}
	},
	{
		name: 'manage.categories',
		args: () => undefined,
		kind: 'office',
		inScope: () => true,
		all: count('SELECT count(*)::int AS n FROM categories')
	},
	{ name: 'manage.services', args: () => undefined, kind: 'office', inScope: () => true },
	{ name: 'manage.locations', args: () => undefined, kind: 'office', inScope: () => true },
	{ name: 'manage.settings', args: () => undefined, kind: 'office', inScope: () => true },
	{
		name: 'payments.officeBooking',
		args: (who) => ({ appointmentId: inOut(who, d.bookingIn.id, d.bookingOut.id) }),
		kind: 'office',
		inScope: (row, s) =>
			((row.appointment ?? []) as QueryRow[]).every((a) => appointmentInScope(a, s))
	},
	{
		name: 'people.cleaners',
		args: () => undefined,
		kind: 'office',
		inScope: staffInScope,
		all: count('SELECT count(*)::int AS n FROM staff')
	},
	{
		name: 'people.cleaner',
		args: (who) => ({ id: inOut(who, d.amira, d.outStaff) }),
		kind: 'office',
		inScope: staffInScope
	},
	{
		name: 'people.locations',
		args: () => undefined,
		kind: 'office',
		inScope: (row, s) => s.locationIDs.includes(row.id as string)
	},
	{
		name: 'people.customers',
		args: () => ({ search: '', archived: false }),
		kind: 'office',
		inScope: customerInReach
	},
	{
		name: 'people.customer',
		args: (who) => ({ id: inOut(who, d.customer, d.outCustomer) }),
		kind: 'office',
		inScope: customerInReach
	},
	{
		name: 'people.customersById',
		args: () => ({ ids: [d.customer, d.outCustomer] }),
		kind: 'admin'
	},
	{
		name: 'people.managers',
		args: () => undefined,
		kind: 'admin',
		all: count('SELECT count(*)::int AS n FROM managers')
	},
	{ name: 'people.manager', args: () => ({ id: d.southManager }), kind: 'admin' },
	{
		name: 'schedule.mine',
		args: () => undefined,
		kind: 'own',
		check: (rows, who) => {
			if (who === 'cleaner') {
				expect(rows.length).toBeGreaterThan(0);
				for (const r of rows) expect(r.staffId).toBe(ctx.cleaner!.staffID);
			} else expect(rows).toEqual([]);
		}
	},
	{
		name: 'schedule.myTimeOff',
		args: () => undefined,
		kind: 'own',
		check: (rows, who) => {
			if (who === 'cleaner') {
				expect(rows.map((r) => r.id)).toContain(d.timeOffOwn);
				for (const r of rows) expect(r.staffId).toBe(ctx.cleaner!.staffID);
			} else expect(rows).toEqual([]);
		}
	},
	{
		name: 'timeOff.office',
		args: () => ({ since: 0 }),
		kind: 'office',
		inScope: (row, s) => s.staffIDs.includes(row.staffId as string)
	},
	{
		name: 'timeOff.clashes',
		args: (who) => ({ staffId: inOut(who, d.amira, d.outStaff), ...dayRange() }),
		kind: 'office',
		inScope: (row, s) => s.staffIDs.includes(row.staffId as string)
	}
];

/** Every query name in the registry (the leaves carry their `queryName`). */
function queryNames(tree: object): string[] {
	return Object.values(tree).flatMap((v) =>
		v && (typeof v === 'object' || typeof v === 'function') && 'queryName' in v
			? [(v as { queryName: string }).queryName]
			: v && typeof v === 'object'
				? queryNames(v)
				: []
	);
}

/** The query's server-side form for this role (what zero-cache would sync), run on Postgres. */
async function read(c: QueryCase, who: Who): Promise<QueryRow[]> {
	const q = mustGetQuery(queries, c.name);
	const result = await dbProvider().transaction((tx) =>
		tx.run(q.fn({ args: c.args(who) as never, ctx: ctx[who] }) as never)
	);
	return result == null ? [] : Array.isArray(result) ? result : [result as QueryRow];
}

// ---------------------------------------------------------------------------------------------
// Endpoints: the office REST API's route modules, called as SvelteKit calls them, with the
// signed-in user in `locals` (what hooks resolve from the session cookie or bearer token).

type Handler = (event: never) => Promise<unknown>;
const REST_ROUTES = import.meta.glob<Record<string, unknown>>(
	'/src/routes/api/v1/admin/**/+server.ts',
	{ eager: true }
);
/** Path under /api/v1/admin (as in the file tree) → its GET's id for each role, and statuses. */
type EndpointCase = {
	id?: (who: Who) => string;
	query?: () => string;
	plan: Record<Who, number>;
	/** For a list: whether an item is within a scoped manager's reach (every item must be). */
	item?: (item: QueryRow, scope: Scope) => boolean;
	/** The route's writes: each method's id and body per role, statuses, and how to undo. */
	writes?: Partial<Record<'POST' | 'PATCH' | 'DELETE', WriteCase>>;
};
type WriteCase = {
	/** The id in the path (none for a POST to a list). */
	id?: (who: Who) => string;
	body?: (who: Who) => object;
	plan: Record<Who, number>;
	/** Audit rows an accepted change writes (a new cleaner's temporary password is its own). */
	audits?: number;
	/**
	 * Puts the row back after each role, so every role meets the same row; a POST removes what
	 * it made (`made`: the answer's data, when 201).
	 */
	undo: (id: string, made?: QueryRow) => Promise<unknown> | undefined;
};
const list = {
	admin: 200,
	north: 200,
	south: 200,
	other: 200,
	cleaner: 403,
	customer: 403,
	anonymous: 401
};
const scoped = { ...list, other: 404 };
const made = { ...list, admin: 201, north: 201, south: 201, other: 201 };
/** The catalogue's writes need manage_services: of the office, only the admin has it. */
const catalogue = { ...list, north: 403, south: 403, other: 403 };
/** Removes a cleaner made through the API, with their account (and its password). */
const removeCleaner = (made?: QueryRow) =>
	made &&
	pg.sql.begin(async (sql) => {
		const [{ user_id }] =
			await sql`DELETE FROM staff WHERE id = ${made.id as string} RETURNING user_id`;
		await sql`DELETE FROM users WHERE id = ${user_id}`;
	});
const ENDPOINT_CASES: Record<string, EndpointCase> = {
	appointments: {
		query: () => 'page_size=100',
		plan: list,
		item: (a, s) =>
			appointmentInScope({ staffId: (a.staff as QueryRow).id, locationId: a.location_id }, s)
	},
	'appointments/[id]': { id: (who) => inOut(who, d.bookingIn.id, d.bookingOut.id), plan: scoped },
	customers: {
		query: () => 'page_size=100',
		plan: list,
		item: customerInReach,
		writes: {
			POST: {
				body: () => ({
					name: 'Pat Lee',
					email: `pat.${tag()}@example.com`,
					address_line1: '1 High Street',
					postcode: 'N16 9PD'
				}),
				plan: made,
				undo: (_, c) => c && pg.sql`DELETE FROM customers WHERE id = ${c.id as string}`
			}
		}
	},
	'customers/[id]': {
		id: (who) => inOut(who, d.customer, d.outCustomer),
		plan: scoped,
		writes: {
			PATCH: {
				id: (who) => inOut(who, d.customer, d.outCustomer),
				body: (who) => ({ notes: `Noted by ${who} through the API` }),
				plan: scoped,
				undo: (id) => pg.sql`UPDATE customers SET notes = ${d.customers[id].notes} WHERE id = ${id}`
			},
			DELETE: {
				id: (who) => inOut(who, d.quietCustomer, d.outCustomer),
				plan: scoped,
				undo: (id) => pg.sql`UPDATE customers SET is_archived = false WHERE id = ${id}`
			}
		}
	},
	services: {
		plan: list,
		writes: {
			POST: {
				body: () => ({
					category_id: d.category,
					name: `Office clean ${tag()}`,
					duration_minutes: 120,
					price: 9000
				}),
				plan: { ...catalogue, admin: 201 },
				undo: (_, c) => c && pg.sql`DELETE FROM services WHERE id = ${c.id as string}`
			}
		}
	},
	'services/[id]': {
		id: () => d.service,
		plan: list,
		writes: {
			PATCH: {
				id: () => d.service,
				body: (who) => ({ description: `Described by ${who} through the API` }),
				plan: catalogue,
				undo: (id) =>
					pg.sql`UPDATE services SET description = ${d.serviceDescription} WHERE id = ${id}`
			},
			DELETE: {
				id: () => d.service,
				plan: catalogue,
				undo: (id) => pg.sql`UPDATE services SET is_active = true WHERE id = ${id}`
			}
		}
	},
	staff: {
		query: () => 'page_size=100',
		plan: list,
		item: (c, s) => staffInScope({ id: c.id, locationId: c.location_id }, s),
		writes: {
			POST: {
				body: (who) => ({
					name: 'Dana Cole',
					email: `dana.${tag()}@example.co.uk`,
					location_id: inOut(who, d.northLocation, d.outLocation),
					schedule: [{ day_of_week: 1, start_minute: 480, end_minute: 960, breaks: [] }],
					services: [{ service_id: d.service, price_override: 5500 }],
					areas: [{ postcode: 'N16', radius_km: 4 }]
				}),
				// A location outside the north manager's is that field's error, as in the app.
				plan: { ...list, admin: 201, north: 201, south: 403, other: 422 },
				audits: 2,
				undo: (_, c) => removeCleaner(c)
			}
		}
	},
	'staff/[id]': {
		id: (who) => inOut(who, d.amira, d.outStaff),
		plan: scoped,
		writes: {
			PATCH: {
				id: (who) => inOut(who, d.amira, d.outStaff),
				body: (who) => ({ bio: `Written by ${who} through the API` }),
				plan: scoped,
				undo: (id) => pg.sql`UPDATE staff SET bio = ${d.staffBios[id]} WHERE id = ${id}`
			},
			DELETE: {
				id: (who) => inOut(who, d.quietStaff, d.quietOutStaff),
				plan: scoped,
				undo: (id) => pg.sql`
					WITH s AS (UPDATE staff SET is_active = true WHERE id = ${id} RETURNING user_id)
					UPDATE users SET is_active = true WHERE id IN (SELECT user_id FROM s)`
			}
		}
	},
	reports: {
		query: () => `report=revenue-weekly&from=${addDays(d.today, -14)}&to=${d.today}`,
		// Revenue needs see_revenue: the south manager has not got it.
		plan: { ...list, south: 403 }
	}
};
const routeOf = (file: string) =>
	file.replace('/src/routes/api/v1/admin/', '').replace(/\/?\+server\.ts$/, '');
const sessionUser = {} as Record<Who, unknown>;

/** The HTTP status a route answers, a thrown SvelteKit error or redirect, or an action's fail(). */
async function statusOf(call: () => Promise<unknown>) {
	try {
		const result = await call();
		if (result instanceof Response) return result.status;
		if (result && typeof result === 'object' && 'status' in result && 'data' in result)
			return result.status as number;
		return 200;
	} catch (error) {
		if (error && typeof error === 'object' && 'status' in error) return error.status as number;
		throw error;
	}
}

// The field app's API (/api/field): cleaners only; each route and method needs a case. Whose
// photo an office user may see is server/field/photos.pg.test.ts's (it needs a job in the window).
const FIELD_ROUTES = import.meta.glob<Record<string, unknown>>(
	'/src/routes/api/field/**/+server.ts',
	{
		eager: true
	}
);
const photoId = '00000000-0000-4000-8000-00000000f070';
type FieldCase = {
	request: () => Request;
	params?: Record<string, string>;
	plan: Record<Who, number>;
};
// A cleaner gets past the role check to the content's: an empty batch and a few bytes that are
// no picture are refused as such (422, 415); everyone else is stopped before (401, 403).
const cleanerOnly = {
	admin: 403,
	north: 403,
	south: 403,
	other: 403,
	cleaner: 200,
	customer: 403,
	anonymous: 401
};
const FIELD_CASES: Record<string, FieldCase> = {
	'events POST': {
		request: () =>
			new Request('http://test/api/field/events', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ events: [], sentAt: Date.now() })
			}),
		plan: { ...cleanerOnly, cleaner: 422 }
	},
	'photos/[id] PUT': {
		request: () =>
			new Request(`http://test/api/field/photos/${photoId}?job=${d.bookingIn.id}`, {
				method: 'PUT',
				headers: { 'content-type': 'image/jpeg' },
				body: new Uint8Array([0xff, 0xd8, 0xff, 0xd9])
			}),
		params: { id: photoId },
		plan: { ...cleanerOnly, cleaner: 415 }
	},
	'photos/[id] GET': {
		request: () => new Request(`http://test/api/field/photos/${photoId}`),
		params: { id: photoId },
		// No such photo: the cleaner and the office are told so, nobody else learns even that.
		plan: {
			admin: 404,
			north: 404,
			south: 404,
			other: 404,
			cleaner: 404,
			customer: 403,
			anonymous: 401
		}
	}
};

// The office's own pages (src/routes/(office)): every load, form action and download, walked from
// the files so a new one without a case fails.
const OFFICE_ROUTES = Object.fromEntries(
	Object.entries(
		import.meta.glob<Record<string, unknown>>(
			['/src/routes/*/office/**/+*.ts', '/src/routes/*/+layout.server.ts'],
			{ eager: true }
		)
	).filter(([file]) => file.startsWith('/src/routes/(office)/') && !file.endsWith('.test.ts'))
);
type OfficeEntry = { key: string; kind: 'page' | 'action' | 'server'; fn: Handler };
function officeEntries(): OfficeEntry[] {
	return Object.entries(OFFICE_ROUTES).flatMap(([file, module]) => {
		const route = file.replace('/src/routes/(office)/', '').replace(/\/?\+[a-z.]+\.ts$/, '');
		const where = route || '(layout)';
		if (file.endsWith('+layout.server.ts'))
			return [{ key: `${where} load`, kind: 'server' as const, fn: module.load as Handler }];
		if (file.endsWith('+server.ts'))
			return Object.keys(module)
				.filter((k) => /^[A-Z]+$/.test(k))
				.map((k) => ({ key: `${where} ${k}`, kind: 'server' as const, fn: module[k] as Handler }));
		const entries: OfficeEntry[] = [];
		if (module.load)
			entries.push({ key: `${where} load`, kind: 'page', fn: module.load as Handler });
		for (const [name, fn] of Object.entries((module.actions ?? {}) as Record<string, Handler>))
			entries.push({ key: `${where} action ${name}`, kind: 'action', fn });
		return entries;
	});
}
const officeLayout = (event: never) =>
	(OFFICE_ROUTES['/src/routes/(office)/+layout.server.ts'].load as Handler)(event);
const auditOf = async (who: Who) =>
	ctx[who]
		? ((
				await pg.sql`SELECT count(*)::int AS n FROM audit_log WHERE actor_user_id = ${ctx[who]!.userID}`
			)[0].n as number)
		: 0;

type OfficeCase = {
	url?: () => string;
	params?: (who: Who) => Record<string, string>;
	form?: (who: Who) => Promise<Record<string, string>> | Record<string, string>;
	plan: Record<Who, number>;
};
/** Through the office layout: the office in, cleaners and customers refused, anonymous to sign-in. */
const page = {
	admin: 200,
	north: 200,
	south: 200,
	other: 200,
	cleaner: 403,
	customer: 403,
	anonymous: 303
};
const adminPage = { ...page, north: 403, south: 403, other: 403 };
const adminAction = { ...adminPage, anonymous: 401 };
const revenueCsv = () =>
	`/office/reports/revenue-weekly.csv?from=${addDays(d.today, -14)}&to=${d.today}`;
const newKey = async () => {
	const made = await createApiKey(pg.db, ctx.admin!, { name: `Zapier ${tag()}`, scope: 'read' });
	if (!made.ok) throw new Error(made.message);
	return { id: made.id };
};
const OFFICE_CASES: Record<string, OfficeCase> = {
	'(layout) load': { plan: page },
	'office/audit load': { plan: adminPage },
	'office/system load': { plan: adminPage },
	'office/api-keys load': { plan: adminPage },
	'office/api-keys action create': {
		form: () => ({ name: `Zapier ${tag()}`, scope: 'read' }),
		plan: adminAction
	},
	'office/api-keys action revoke': { form: newKey, plan: adminAction },
	// Requests are for postcodes outside every location: whole-business managers and admins only.
	'office/waitlist load': { plan: adminPage },
	'office/outbox load': { plan: page },
	'office/reports load': {
		url: () => `/office/reports?from=${addDays(d.today, -14)}&to=${d.today}`,
		plan: page
	},
	'office/reports/[name].csv GET': {
		url: revenueCsv,
		params: () => ({ name: 'revenue-weekly' }),
		// Revenue needs see_revenue; a download runs without the layout, so refuses by itself.
		plan: { ...page, south: 403, anonymous: 403 }
	},
	'office/bookings/[id] load': {
		params: (who) => ({ id: inOut(who, d.bookingIn.id, d.bookingOut.id) }),
		plan: { ...page, other: 404 }
	},
	'office/manage/cleaners/[id] action password': {
		params: (who) => ({ id: inOut(who, d.amira, d.outStaff) }),
		plan: { ...page, other: 403, anonymous: 401 }
	},
	'office/manage/managers/[id] action password': {
		params: () => ({ id: d.southManager }),
		plan: adminAction
	}
};

// ---------------------------------------------------------------------------------------------

async function contextOf(email: string) {
	const [user] = await pg.db.select().from(users).where(eq(users.email, email));
	return authContextFor(pg.db, user);
}

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedQuietDiary(pg.url);
	process.env.DATABASE_URL = pg.url;
	[ctx.admin, ctx.north, ctx.south, ctx.cleaner, ctx.customer] = await Promise.all(
		[
			'admin@valclean.test',
			'north.manager@valclean.test',
			'south.manager@valclean.test',
			'amira@valclean.test',
			'customer@valclean.test'
		].map(contextOf)
	);
	ctx.other = ctx.north;
	ctx.anonymous = undefined;
	for (const [who, email] of [
		['admin', 'admin@valclean.test'],
		['north', 'north.manager@valclean.test'],
		['other', 'north.manager@valclean.test'],
		['south', 'south.manager@valclean.test'],
		['cleaner', 'amira@valclean.test'],
		['customer', 'customer@valclean.test']
	] as const)
		[sessionUser[who]] = await pg.db.select().from(users).where(eq(users.email, email));
	sessionUser.anonymous = null;
	const north = ctx.north!.office as Scope;
	const south = ctx.south!.office as Scope;
	d.today = localDate(Date.now(), 'Europe/London');
	d.northLocation = north.locationIDs[0];
	d.amira = ctx.cleaner!.staffID!;
	d.customer = ctx.customer!.customerID!;
	expect(north.staffIDs).toContain(d.amira);
	[{ id: d.outLocation }] = await pg.sql`
		SELECT id FROM locations WHERE NOT (id = ANY(${north.locationIDs}::uuid[])) LIMIT 1`;
	[{ id: d.service, category_id: d.category }] =
		await pg.sql`SELECT id, category_id FROM services WHERE slug = 'regular-clean-2-hours'`;
	[{ id: d.southManager }] = await pg.sql`
		SELECT m.id FROM managers m JOIN users u ON u.id = m.user_id
		WHERE u.email = 'south.manager@valclean.test'`;
	[d.settings] = await pg.sql`SELECT * FROM business_settings`;
	d.staffBios = Object.fromEntries(
		(await pg.sql`SELECT id, bio FROM staff`).map((r) => [r.id, r.bio])
	);
	[{ description: d.serviceDescription }] =
		await pg.sql`SELECT description FROM services WHERE id = ${d.service}`;

	// Two future bookings: the customer's with Amira (north), and one with a cleaner outside.
	const slotsAt = async (postcode: string) => {
		const found = [];
		for (let n = 7; n < 14; n++) {
			const day = await searchSlots(pg.db, {
				serviceId: d.service,
				date: addDays(d.today, n),
				postcode,
				now: Date.now()
			});
			if (day.ok) found.push(...day.slots);
		}
		return found;
	};
	const withAmira = (await slotsAt('N16 9PD')).filter((s) => s.staffIds.includes(d.amira));
	const [{ postcode: outArea }] = await pg.sql`
		SELECT a.postcode FROM staff_areas a JOIN staff s ON s.id = a.staff_id
		WHERE s.is_active AND NOT (s.id = ANY(${north.staffIDs}::uuid[]))
		AND s.id = ANY(${south.staffIDs}::uuid[]) LIMIT 1`;
	const southOnly = (id: string) => south.staffIDs.includes(id) && !north.staffIDs.includes(id);
	const outside = (await slotsAt(`${outArea} 1AA`)).find((s) => s.staffIds.some(southOnly))!;
	d.outStaff = outside.staffIds.find(southOnly)!;
	const book = async (args: ReturnType<typeof newBooking>, as: AuthContext | undefined) => {
		await dbProvider().transaction((tx) =>
			runServerMutator(tx, 'booking.create', args as never, as, 'app')
		);
		return { id: args.id, start: args.startTime };
	};
	d.bookingIn = await book(newBooking(withAmira[0].start, d.amira), ctx.customer);
	d.bookingOut = await book(newBooking(outside.start, d.outStaff, `${outArea} 1AA`), undefined);
	const quiet = pg.sql`s.is_active AND NOT EXISTS (
		SELECT 1 FROM appointments a WHERE a.staff_id = s.id AND a.start_time > now()
		AND a.status IN ('pending', 'confirmed'))`;
	[{ id: d.quietStaff }] = await pg.sql`
		SELECT s.id FROM staff s WHERE s.id = ANY(${north.staffIDs}::uuid[]) AND s.id <> ${d.amira}
		AND ${quiet} LIMIT 1`;
	[{ id: d.quietOutStaff }] = await pg.sql`
		SELECT s.id FROM staff s WHERE s.id = ANY(${south.staffIDs}::uuid[])
		AND NOT (s.id = ANY(${north.staffIDs}::uuid[])) AND ${quiet} LIMIT 1`;
	d.freeSlot = withAmira.find((s) => s.start >= d.bookingIn.start + 4 * 3_600_000)!.start;
	for (const b of [d.bookingIn, d.bookingOut])
		await dbProvider().transaction((tx) =>
			runServerMutator(
				tx,
				'payments.record',
				{
					id: uuid(),
					appointmentId: b.id,
					amount: 2000,
					method: 'cash',
					reference: '',
					receivedOn: d.today
				},
				ctx.admin,
				'app'
			)
		);

	// Pending time off: two of Amira's (one to decide, one to withdraw), one of the outside cleaner.
	const outUser = (
		await pg.sql`SELECT u.* FROM users u JOIN staff s ON s.user_id = u.id WHERE s.id = ${d.outStaff}`
	)[0];
	const outCleaner = await authContextFor(pg.db, outUser as never);
	const request = async (as: AuthContext) => {
		const args = timeOffRequest();
		await dbProvider().transaction((tx) =>
			runServerMutator(tx, 'timeOff.request', args, as, 'app')
		);
		return args.id;
	};
	d.timeOffIn = await request(ctx.cleaner!);
	d.timeOffOwn = await request(ctx.cleaner!);
	d.timeOffOut = await request(outCleaner);

	// Customers: one outside the north manager's reach, one inside with nothing booked ahead.
	const reach = async (s: Scope) =>
		new Set(
			(
				await pg.sql`
					SELECT c.id FROM customers c WHERE c.id = ANY(${s.customerIDs}::uuid[]) OR EXISTS (
						SELECT 1 FROM customer_appointments ca JOIN appointments a ON a.id = ca.appointment_id
						WHERE ca.customer_id = c.id
						AND (a.staff_id = ANY(${s.staffIDs}::uuid[]) OR a.location_id = ANY(${s.locationIDs}::uuid[])))`
			).map((r) => r.id as string)
		);
	reachCustomers.north = await reach(north);
	reachCustomers.south = await reach(south);
	const all = await pg.sql`SELECT * FROM customers WHERE NOT is_archived`;
	d.customers = Object.fromEntries(all.map((r) => [r.id, r]));
	d.outCustomer = all.find(
		(r) => !reachCustomers.north.has(r.id) && reachCustomers.south.has(r.id)
	)!.id;
	[{ id: d.quietCustomer }] = await pg.sql`
		SELECT c.id FROM customers c WHERE c.id = ANY(${[...reachCustomers.north]}::uuid[])
		AND NOT c.is_archived AND c.id <> ${d.customer} AND NOT EXISTS (
			SELECT 1 FROM customer_appointments ca JOIN appointments a ON a.id = ca.appointment_id
			WHERE ca.customer_id = c.id AND a.start_time > now()) LIMIT 1`;
}, 60_000);

afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
});

describe('the authorisation matrix', () => {
	it('has a case for every mutator in the registry', () => {
		const covered = new Set(MUTATOR_CASES.map((c) => c.name));
		expect(registryNames(mutators).filter((n) => !covered.has(n))).toEqual([]);
		expect([...covered].filter((n) => !registryNames(mutators).includes(n))).toEqual([]);
	});

	it('has a case for every synced query in the registry', () => {
		const names = queryNames(queries);
		expect(names.length).toBeGreaterThan(20);
		const covered = QUERY_CASES.map((c) => c.name);
		expect(names.filter((n) => !covered.includes(n))).toEqual([]);
		expect(covered.filter((n) => !names.includes(n))).toEqual([]);
	});

	it.each(MUTATOR_CASES.map((c) => [c.label ? `${c.name} (${c.label})` : c.name, c] as const))(
		'mutator %s: each role allowed or refused as planned, refusals write nothing, office changes are audited',
		async (_, c) => {
			expect(c.plan).toMatch(/^[AD-]{7}$/);
			const seen: string[] = [];
			for (const [i, who] of WHO.entries()) {
				if (c.plan[i] === '-') continue;
				const outcome = await attempt(c, who);
				// Refused as not allowed or not found; a location outside the manager's reach is
				// refused as that field's error (the form offers only their locations).
				if (!outcome.allowed && outcome.code === 'VALIDATION_ERROR')
					expect(Object.keys(outcome.fields ?? {}), `${c.name} as ${who}`).toEqual(['locationId']);
				else if (!outcome.allowed)
					expect(['FORBIDDEN', 'NOT_FOUND'], `${c.name} as ${who}: ${outcome.message}`).toContain(
						outcome.code
					);
				seen.push(
					`${who}:${outcome.allowed ? 'A' : 'D'}${outcome.allowed ? '' : ` (${outcome.code}: ${outcome.message})`}`
				);
			}
			const planned = WHO.flatMap((who, i) => (c.plan[i] === '-' ? [] : [`${who}:${c.plan[i]}`]));
			expect(seen.map((s) => s.split(' ')[0])).toEqual(planned);
		}
	);

	it.each(QUERY_CASES.map((c) => [c.name, c] as const))(
		'query %s: each role sees only what is theirs',
		async (_, c) => {
			const rows = {} as Record<Who, QueryRow[]>;
			for (const who of WHO) rows[who] = await read(c, who);
			if (c.kind === 'public') {
				for (const who of WHO) expect(rows[who], who).toEqual(rows.admin);
				expect(rows.admin.length).toBeGreaterThan(0);
				return;
			}
			if (c.kind === 'own') {
				for (const who of WHO) c.check!(rows[who], who);
				return;
			}
			for (const who of ['cleaner', 'customer', 'anonymous'] as const)
				expect(rows[who], `${c.name} for ${who}`).toEqual([]);
			expect(rows.admin.length, `${c.name} for the admin`).toBeGreaterThan(0);
			if (c.all) expect(rows.admin.length).toBe(await c.all());
			if (c.kind === 'admin') {
				for (const who of ['north', 'south'] as const) expect(rows[who], who).toEqual([]);
				return;
			}
			for (const who of ['north', 'south', 'other'] as const) {
				const scope = ctx[who]!.office as Scope;
				for (const row of rows[who])
					expect(
						c.inScope!(row, scope),
						`${c.name} for ${who}: ${JSON.stringify(row).slice(0, 200)}`
					).toBe(true);
			}
			// What the north manager reaches they see; what is outside, asked for by id, they do not.
			expect(rows.north.length, `${c.name} for north`).toBeGreaterThan(0);
			if (JSON.stringify(c.args('other')) !== JSON.stringify(c.args('north')))
				expect(rows.other, `${c.name} outside north's scope`).toEqual([]);
		}
	);

	it('has a case for every office REST route', () => {
		const routes = Object.keys(REST_ROUTES).map(routeOf);
		expect(routes.length).toBeGreaterThan(5);
		expect(routes.filter((r) => !ENDPOINT_CASES[r])).toEqual([]);
		for (const [file, module] of Object.entries(REST_ROUTES))
			expect(
				Object.keys(module).filter((k) => /^[A-Z]+$/.test(k)),
				file
			).toEqual(['GET', ...Object.keys(ENDPOINT_CASES[routeOf(file)]?.writes ?? {})]);
	});

	it.each(
		Object.entries(REST_ROUTES).flatMap(([file, m]) =>
			Object.entries(ENDPOINT_CASES[routeOf(file)]?.writes ?? {}).map(
				([method, c]) => [method, routeOf(file), m, c] as const
			)
		)
	)(
		'REST %s /api/v1/admin/%s: each role answered as planned, office changes audited',
		async (method, route, module, c) => {
			const seen = {} as Record<Who, number>;
			for (const who of WHO) {
				const id = c.id?.(who) ?? '';
				const url = new URL(`http://test/api/v1/admin/${route.replace('[id]', id)}`);
				const request = new Request(url, {
					method,
					headers: { 'content-type': 'application/json' },
					...(c.body && { body: JSON.stringify(c.body(who)) })
				});
				const params = c.id ? { id } : {};
				const event = { url, request, params, locals: { user: sessionUser[who] } };
				const auditBefore = await auditOf(who);
				const response = (await (module[method] as Handler)(event as never)) as Response;
				seen[who] = response.status;
				const audited = (await auditOf(who)) - auditBefore;
				expect(audited, `${method} ${route} as ${who}`).toBe(
					response.ok && ctx[who]?.office ? (c.audits ?? 1) : 0
				);
				const made = response.status === 201 ? (await response.json()).data : undefined;
				await c.undo(id, made);
			}
			expect(seen).toEqual(c.plan);
		}
	);

	it.each(Object.entries(REST_ROUTES).map(([file, m]) => [routeOf(file), m] as const))(
		'REST GET /api/v1/admin/%s: each role answered as planned',
		async (route, module) => {
			const c = ENDPOINT_CASES[route];
			const seen = {} as Record<Who, number>;
			for (const who of WHO) {
				const id = c.id?.(who);
				const url = new URL(
					`http://test/api/v1/admin/${route.replace('[id]', id ?? '')}?${c.query?.() ?? ''}`
				);
				const event = { url, params: { id }, locals: { user: sessionUser[who] } };
				const response = (await (module.GET as Handler)(event as never)) as Response;
				seen[who] = response.status;
				const scope = ctx[who]?.office;
				if (c.item && response.status === 200 && scope && !scope.all) {
					const { items } = (await response.json()).data as { items: QueryRow[] };
					if (who !== 'other') expect(items.length, `${route} for ${who}`).toBeGreaterThan(0);
					for (const item of items)
						expect(c.item(item, scope), `${route} for ${who}: ${JSON.stringify(item)}`).toBe(true);
				}
			}
			expect(seen).toEqual(c.plan);
		}
	);

	it('has a case for every office page load, form action and download', () => {
		const exported = officeEntries().map((e) => e.key);
		expect(exported.length).toBeGreaterThan(8);
		expect(exported.filter((k) => !OFFICE_CASES[k])).toEqual([]);
		expect(Object.keys(OFFICE_CASES).filter((k) => !exported.includes(k))).toEqual([]);
	});

	it.each(officeEntries().map((e) => [e.key, e] as const))(
		'office %s: each role answered as planned, an accepted action audited',
		async (key, entry) => {
			const c = OFFICE_CASES[key];
			const seen = {} as Record<Who, number>;
			for (const who of WHO) {
				const params = c.params?.(who) ?? {};
				const url = new URL(`http://test${c.url?.() ?? '/office'}`);
				const locals = { user: sessionUser[who] };
				const layoutEvent = { locals, url, params };
				const parent = () => officeLayout(layoutEvent as never);
				const form = await c.form?.(who);
				const event = {
					locals,
					url,
					params,
					parent,
					request: new Request(url, { method: 'POST', body: new URLSearchParams(form ?? {}) })
				};
				const auditBefore = await auditOf(who);
				// A page's loads run with its layout's (any failure is the answer); a form action
				// or a download runs alone, so it must check for itself.
				let status = entry.kind === 'page' ? await statusOf(parent) : 200;
				if (status === 200) status = await statusOf(() => entry.fn(event as never));
				seen[who] = status;
				if (entry.kind === 'action')
					expect(await auditOf(who), `${key} as ${who}: audit row`).toBe(
						auditBefore + (status === 200 ? 1 : 0)
					);
			}
			expect(seen).toEqual(c.plan);
		}
	);

	it.each(
		Object.entries(FIELD_ROUTES).flatMap(([file, module]) =>
			Object.keys(module)
				.filter((k) => /^[A-Z]+$/.test(k))
				.map((method) => {
					const route = file.replace('/src/routes/api/field/', '').replace(/\/\+server\.ts$/, '');
					return [`${route} ${method}`, module[method] as Handler] as const;
				})
		)
	)('field API %s: cleaners only', async (key, handler) => {
		const c = FIELD_CASES[key];
		expect(c, `a case for /api/field/${key}`).toBeDefined();
		const seen = {} as Record<Who, number>;
		for (const who of WHO) {
			const request = c.request();
			const event = {
				request,
				url: new URL(request.url),
				params: c.params ?? {},
				locals: { user: sessionUser[who] }
			};
			seen[who] = await statusOf(() => handler(event as never));
		}
		expect(seen).toEqual(c.plan);
	});
});
