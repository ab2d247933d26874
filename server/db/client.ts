import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../../drizzle/schema.ts';
import { config } from '../env.ts';

export type Db = ReturnType<typeof createDb>['db'];

export function createDb(url: string, max = 10) {
	const sql = postgres(url, { max, onnotice: () => {} });
	return { sql, db: drizzle(sql, { schema }) };
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
