import { sql } from 'drizzle-orm';
import { totpBox, type SecretBox } from '../auth/secret-box.ts';
import { calendarTokenBox } from '../calendar/tokens.ts';
import type { Db } from '../db/client.ts';

// Re-seals every secret stored sealed (server/auth/secret-box.ts) with its box's current key, after
// a key was rotated (the old one moved to <VARIABLE>_PREVIOUS) or first set (plain TOTP secrets get
// sealed). Two passes: the first only reads, and refuses — before anything is written — when a
// value opens with none of the configured keys; the second re-seals row by row, each in its own
// transaction with the row locked, so a grant refreshed by the app at the same moment is neither
// lost nor overwritten with a stale one. Running it again changes nothing.

/** A table column (or columns) holding sealed values, keyed by a single-column primary key. */
export type SealedColumns = {
	table: string;
	key: string;
	columns: string[];
	box: SecretBox;
};

/** Every sealed column in the schema (grep for seal/open users when adding one). */
export const SEALED: SealedColumns[] = [
	{ table: 'user_totp', key: 'user_id', columns: ['secret'], box: totpBox },
	{
		table: 'calendar_credentials',
		key: 'user_id',
		columns: ['access_token', 'refresh_token'],
		box: calendarTokenBox
	}
];

export type RotationCount = { table: string; rows: number; resealed: number; unchanged: number };

/** A value no configured key opens: nothing has been written. */
export class RotationRefused extends Error {
	constructor(
		message: string,
		readonly variable: string
	) {
		super(message);
		this.name = 'RotationRefused';
	}
}

type Row = Record<string, string | null>;

/** The rows of one table, `batch` at a time in key order (memory stays flat however many). */
async function* batches(db: Db, target: SealedColumns, batch: number) {
	const columns = sql.join(
		[target.key, ...target.columns].map((c) => sql.identifier(c)),
		sql`, `
	);
	let after: string | null = null;
	for (;;) {
		const key = sql.identifier(target.key);
		const rows = (await db.execute(sql`
			SELECT ${columns} FROM ${sql.identifier(target.table)}
			${after === null ? sql`` : sql`WHERE ${key} > ${after}`}
			ORDER BY ${key} LIMIT ${batch}`)) as unknown as Row[];
		if (rows.length === 0) return;
		yield rows;
		after = rows.at(-1)![target.key];
	}
}

/** Opens every value of the row; a failure names the table, row and variable, never the value. */
function openAll(target: SealedColumns, row: Row) {
	for (const column of target.columns) {
		const value = row[column];
		if (value === null) continue;
		try {
			target.box.open(value);
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			const variable = (error as { variable?: string }).variable ?? target.box.keyVariable;
			throw new RotationRefused(
				`${target.table}.${column} of ${target.key} ${row[target.key]}: ${reason}. ` +
					`Nothing was re-sealed; set ${variable} (and ${target.box.keyVariable}_PREVIOUS) to ` +
					`include the key that sealed it, then run npm run rotate-secrets again.`,
				variable
			);
		}
	}
}

const isStale = (target: SealedColumns, row: Row) =>
	target.columns.some((c) => row[c] !== null && target.box.isStale(row[c]!));

/** Re-seals one row under its lock; false when (by then) nothing in it was stale. */
async function resealRow(db: Db, target: SealedColumns, id: string): Promise<boolean> {
	return db.transaction(async (tx) => {
		const key = sql.identifier(target.key);
		const table = sql.identifier(target.table);
		const columns = sql.join(
			target.columns.map((c) => sql.identifier(c)),
			sql`, `
		);
		const [row] = (await tx.execute(
			sql`SELECT ${columns} FROM ${table} WHERE ${key} = ${id} FOR UPDATE`
		)) as unknown as Row[];
		if (!row || !isStale(target, row)) return false;
		openAll(target, { ...row, [target.key]: id });
		const sets = target.columns
			.filter((c) => row[c] !== null)
			.map((c) => sql`${sql.identifier(c)} = ${target.box.seal(target.box.open(row[c]!))}`);
		await tx.execute(sql`UPDATE ${table} SET ${sql.join(sets, sql`, `)} WHERE ${key} = ${id}`);
		return true;
	});
}

export type RotateOptions = { batch?: number; tables?: SealedColumns[] };

/**
 * Re-seals every stale sealed value with the current keys. Throws RotationRefused, having written
 * nothing, when any value cannot be opened; a table whose box has no current key is only checked
 * (plain TOTP secrets stay plain until TOTP_ENCRYPTION_KEY is set).
 */
export async function rotateSecrets(
	db: Db,
	{ batch = 200, tables = SEALED }: RotateOptions = {}
): Promise<RotationCount[]> {
	// Pass 1: every value opens with the keys configured, or nothing is written at all.
	for (const target of tables)
		for await (const rows of batches(db, target, batch))
			for (const row of rows) openAll(target, row);

	// Pass 2: the stale ones, each row in its own transaction.
	const counts: RotationCount[] = [];
	for (const target of tables) {
		const count = { table: target.table, rows: 0, resealed: 0, unchanged: 0 };
		for await (const rows of batches(db, target, batch)) {
			for (const row of rows) {
				count.rows++;
				const changed = isStale(target, row) && (await resealRow(db, target, row[target.key]!));
				if (changed) count.resealed++;
				else count.unchanged++;
			}
		}
		counts.push(count);
	}
	return counts;
}
