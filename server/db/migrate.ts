import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { runMigrations } from 'graphile-worker';
import { quietLogger } from '../worker/logger.ts';
import { createDb } from './client.ts';

const migrationsFolder = fileURLToPath(new URL('../../drizzle/migrations', import.meta.url));

/**
 * Applies every pending migration of drizzle/migrations, and Graphile Worker's own schema, so that
 * a booking can enqueue its jobs in its transaction before any worker has started (idempotent).
 */
export async function migrateDatabase(url: string) {
	const { db, sql } = createDb(url, 1);
	try {
		await migrate(db, { migrationsFolder });
		await runMigrations({ connectionString: url, logger: quietLogger });
	} finally {
		await sql.end();
	}
}
