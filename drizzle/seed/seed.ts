// Fills an empty database with a believable London cleaning company: catalogue, offices, cleaners,
// customers and four weeks of diary around `now`. Same `now`, same data (seeded PRNG, no clock reads);
// only the uuids differ. Used by `npm run dev` on a fresh database and by tests.
import { getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../schema.ts';
import { planAppointments } from './appointments.ts';
import { buildBilling } from './billing.ts';
import { buildCatalog } from './catalog.ts';
import { SOUTH_MANAGER_CLEANERS } from './cleaners.ts';
import { localDate } from './clock.ts';
import { buildCustomers } from './customers.ts';
import { DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD } from './demo-accounts.ts';
import { covers } from './districts.ts';
import { buildPeople } from './people.ts';

export type SeedSummary = { counts: Record<string, number> };

type Db = PostgresJsDatabase<typeof schema>;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

// Inserts in chunks: Postgres takes at most 65,535 parameters per statement.
const CHUNK = 500;

/** Everything the seed writes, built in memory first (pure apart from the uuids). */
export function buildDemoData(now: Date, passwordHash: string) {
	const today = localDate(now);
	const catalog = buildCatalog();
	const people = buildPeople(catalog, today, now, passwordHash);
	const customers = buildCustomers(now, people.customerUserId);
	const southAreas = people.cleaners
		.filter((c) => SOUTH_MANAGER_CLEANERS.includes(c.def.key))
		.flatMap((c) => c.def.areas);
	const managerCustomers = customers
		.filter((c) => c.userId == null && covers(southAreas, c.postcode))
		.slice(0, 6)
		.map((c) => ({ managerId: people.southManagerId, customerId: c.id }));
	const slots = planAppointments(catalog, people, customers, today);
	const billing = buildBilling(slots, catalog, today, now);
	return { catalog, people, customers, managerCustomers, billing };
}

async function insertAll<T extends PgTable>(
	tx: Tx,
	counts: Record<string, number>,
	table: T,
	rows: T['$inferInsert'][]
) {
	for (let i = 0; i < rows.length; i += CHUNK) {
		await tx.insert(table).values(rows.slice(i, i + CHUNK));
	}
	counts[getTableName(table)] = rows.length;
}

/**
 * Seeds the demo data when the `users` table is empty; returns the rows written per table, or null
 * when there was something already (nothing is written then). All or nothing: one transaction,
 * under an advisory lock so two processes starting together cannot both seed.
 */
export async function seedIfEmpty(
	databaseUrl: string,
	now: Date,
	hashPassword: (plain: string) => Promise<string>
): Promise<SeedSummary | null> {
	const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	const db = drizzle(client, { schema });
	const hasUsers = async (q: Db | Tx) =>
		(await q.select({ id: schema.users.id }).from(schema.users).limit(1)).length > 0;
	try {
		if (await hasUsers(db)) return null;
		// One hash for every demo user: argon2 takes tens of milliseconds per call by design.
		const data = buildDemoData(now, await hashPassword(DEMO_PASSWORD));
		return await db.transaction(async (tx) => {
			await tx.execute(sql`select pg_advisory_xact_lock(hashtext('valclean:seed'))`);
			if (await hasUsers(tx)) return null;
			const { catalog, people, billing } = data;
			const counts: Record<string, number> = {};
			await insertAll(tx, counts, schema.users, people.users);
			await insertAll(tx, counts, schema.profiles, people.profiles);
			await insertAll(tx, counts, schema.passwords, people.passwords);
			// Admins must use two-step sign-in: the demo admin is enrolled with the documented demo
			// secret, stored as server/auth/secret-box.ts reads an unsealed one.
			const admins = people.users.filter((u) => u.role === 'admin');
			await insertAll(
				tx,
				counts,
				schema.userTotp,
				admins.map((u) => ({
					userId: u.id,
					secret: `plain.${DEMO_ADMIN_TOTP_SECRET}`,
					confirmedAt: now
				}))
			);
			await insertAll(tx, counts, schema.categories, catalog.categories);
			await insertAll(tx, counts, schema.services, catalog.services);
			await insertAll(tx, counts, schema.serviceExtras, catalog.extras);
			await insertAll(tx, counts, schema.locations, [
				catalog.locations.north,
				catalog.locations.south
			]);
			await insertAll(tx, counts, schema.staff, people.staff);
			await insertAll(tx, counts, schema.staffSchedules, people.schedules);
			await insertAll(tx, counts, schema.staffServices, people.staffServices);
			await insertAll(tx, counts, schema.staffAreas, people.areas);
			await insertAll(tx, counts, schema.staffTravel, people.travel);
			await insertAll(tx, counts, schema.staffTimeOff, people.timeOff);
			await insertAll(tx, counts, schema.customers, data.customers);
			await insertAll(tx, counts, schema.managers, people.managers);
			await insertAll(tx, counts, schema.managerLocations, people.managerLocations);
			await insertAll(tx, counts, schema.managerStaff, people.managerStaff);
			await insertAll(tx, counts, schema.managerCustomers, data.managerCustomers);
			await insertAll(tx, counts, schema.appointments, billing.appointments);
			await insertAll(tx, counts, schema.customerAppointments, billing.customerAppointments);
			await insertAll(tx, counts, schema.appointmentNotes, billing.appointmentNotes);
			await insertAll(tx, counts, schema.payments, billing.payments);
			await insertAll(tx, counts, schema.invoices, billing.invoices);
			return { counts };
		});
	} finally {
		await client.end({ timeout: 5 });
	}
}
