import { sql } from 'drizzle-orm';
import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Primary key: a UUID the client may generate (Zero inserts optimistically), defaulted on the server. */
export const id = () => uuid('id').primaryKey().defaultRandom();

/** A point in time. Zero sees it as epoch milliseconds. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const createdAt = (name = 'created_at') =>
	instant(name)
		.notNull()
		.default(sql`now()`);

/** `CHECK (col IN (...))` for a text column that holds one of a fixed set of values. */
export function oneOf(column: string, values: readonly string[]) {
	return sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
}
