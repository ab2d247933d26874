import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { createDb } from './client.ts';

const migrationsFolder = fileURLToPath(new URL('../../drizzle/migrations', import.meta.url));

/** Applies every pending migration of drizzle/migrations (idempotent). */
export async function migrateDatabase(url: string) {
	const { db, sql } = createDb(url, 1);
	try {
		await migrate(db, { migrationsFolder });
	} finally {
		await sql.end();
	}
}
