import { sql, type Placeholder } from 'drizzle-orm';
import type { DbOrTx } from './client.ts';

// Drizzle builds a statement's SQL text from its query builder every time it runs: about 70-90 µs
// each, measured here, and a booking runs a dozen. A statement on a request's hot path is built
// once, with placeholders for what changes, and then run on whichever connection or transaction
// the caller is in: only the values are filled in each time.

type Runnable<R> = { execute(values?: Record<string, unknown>): Promise<R> };
type Preparable<R> = { prepare(name: string): Runnable<R> };

/** drizzle's session holds the postgres.js client (the pool, a transaction or a savepoint). */
type WithClient = { session: { client: unknown } };

/**
 * `build` makes the statement with `sql.placeholder(name)` for each value; the result runs it on
 * `db` with those values. Built on first use, from the first caller's `db`.
 */
export function prepared<R>(name: string, build: (db: DbOrTx) => Preparable<R>) {
	let template: (Runnable<R> & { client: unknown }) | undefined;
	return (db: DbOrTx, values?: Record<string, unknown>): Promise<R> => {
		template ??= build(db).prepare(name) as Runnable<R> & { client: unknown };
		// The same statement, on this caller's connection.
		const query = Object.assign(Object.create(Object.getPrototypeOf(template)), template, {
			client: (db as unknown as WithClient).session.client
		}) as Runnable<R>;
		return query.execute(values);
	};
}

/**
 * A placeholder named after each column, for an insert's values: the columns listed once, so that
 * the statement built once and the rows given to it cannot drift apart.
 */
export const placeholders = <C extends string>(columns: readonly C[]) =>
	Object.fromEntries(columns.map((c) => [c, sql.placeholder(c)])) as Record<C, Placeholder<C>>;
