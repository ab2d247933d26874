import { drizzle } from 'drizzle-orm/postgres-js';
import { PostgresJsPreparedQuery } from 'drizzle-orm/postgres-js/session';
import postgres from 'postgres';
import * as schema from '../../drizzle/schema.ts';
import { config } from '../env.ts';
import { traceTransactions } from '../observe/db-trace.ts';

export type Db = ReturnType<typeof createDb>['db'];

/**
 * DATABASE_POOL_MODE=transaction when DATABASE_URL points at PgBouncer in transaction pooling (the
 * cluster's web instances): each query may land on another server connection, so no prepared
 * statements. Anything that needs a session (LISTEN, session advisory locks, SET) must not use it.
 */
export function poolMode(): 'session' | 'transaction' {
	const mode = process.env.DATABASE_POOL_MODE || 'session';
	if (mode !== 'session' && mode !== 'transaction')
		throw new Error(`DATABASE_POOL_MODE must be "session" or "transaction", got "${mode}"`);
	return mode;
}

// Drizzle asks postgres.js for an unnamed statement unless a query is given a name (drizzle-orm
// issue 6096), so Postgres parsed and planned every statement of every request again. postgres.js
// names and keeps each statement per connection when asked; its own `prepare` option (off behind
// PgBouncer, below) still has the last word.
Object.defineProperty(PostgresJsPreparedQuery.prototype, 'prepare', {
	get: () => true,
	set: () => {}
});

export function createDb(url: string, max = config.int('DATABASE_POOL_SIZE', 10)) {
	const sql = postgres(url, { max, prepare: poolMode() === 'session', onnotice: () => {} });
	const db = drizzle(sql, { schema });
	// Triggers that queue jobs put the request id in their payload (server/observe/db-trace.ts).
	traceTransactions(db);
	return { sql, db };
}

let shared: ReturnType<typeof createDb> | undefined;

/** The process-wide pool, opened on first use. */
export function database() {
	shared ??= createDb(config.databaseUrl());
	return shared;
}

export async function closeDatabase() {
	const open = shared;
	shared = undefined;
	await open?.sql.end({ timeout: 5 });
}

/** A transaction of the app's database; functions that only query accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
