// zero-cache keeps its own state in the app's database, beside our tables. Names from Zero 1.9's
// source (zero-cache/src/types/shards.js, services/change-source/pg/schema/shard.js and ddl.js) for
// app id `zero` (ZERO_APP_ID, default) and shard `n`:
//   schemas        `zero` (permissions), `zero_n` (clients, mutations, replicas, shard config),
//                  `zero_n/cdc` (change log), `zero_n/cvr` (what each client has)
//   publications   `_zero_metadata_n`, `_zero_public_n` (ours, `zero_data`, is app data: kept)
//   event triggers `zero_ddl_start_n`, `zero_ddl_end_n` (they call functions in `zero_n`)
//   slots          `zero_n_<id>` (a logical replication slot per replica)
// None of it survives a restore usefully: a dump carries no slot, and this state describes a replica
// and clients of the database as it was. Backups leave it out and zero-cache rebuilds it.
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type postgres from 'postgres';

export function zeroAppId(): string {
	const id = process.env.ZERO_APP_ID || 'zero';
	// Zero's own rule for app ids; it also keeps the names below safe inside SQL and patterns.
	if (!/^[a-z0-9_]+$/.test(id))
		throw new Error(`ZERO_APP_ID must be lower-case letters, digits or _`);
	return id;
}

/** pg_dump --exclude-schema patterns for Zero's schemas (psql pattern syntax). */
export function zeroSchemaPatterns(app = zeroAppId()): string[] {
	return [app, `${app}_[0-9]*`];
}

/** Whether a schema, publication, event trigger or slot name is Zero's own. */
export const isZeroSchema = (name: string, app = zeroAppId()) =>
	name === app || new RegExp(`^${app}_\\d+(/(cdc|cvr))?$`).test(name);
export const isZeroPublication = (name: string, app = zeroAppId()) => name.startsWith(`_${app}_`);
export const isZeroEventTrigger = (name: string, app = zeroAppId()) =>
	new RegExp(`^${app}_ddl_(start|end)_\\d+$`).test(name);
const isZeroSlot = (name: string, app = zeroAppId()) => new RegExp(`^${app}_\\d+(_|$)`).test(name);

/**
 * A pg_restore table of contents (`pg_restore -l`) without Zero's event triggers and publications:
 * pg_dump writes those whatever schemas are excluded, and the triggers would call functions the
 * dump does not hold.
 */
export function withoutZeroEntries(list: string): { list: string; left: string[] } {
	const left: string[] = [];
	const kept = list.split('\n').filter((line) => {
		// e.g. "4301; 3466 17045 EVENT TRIGGER - zero_ddl_end_0 valclean"
		const entry = /^\d+; \d+ \d+ (EVENT TRIGGER|PUBLICATION) - (\S+) /.exec(line);
		const zero =
			entry &&
			(entry[1] === 'EVENT TRIGGER' ? isZeroEventTrigger(entry[2]) : isZeroPublication(entry[2]));
		if (zero) left.push(`${entry[1].toLowerCase()} ${entry[2]}`);
		return !zero;
	});
	return { list: kept.join('\n'), left };
}

/**
 * Drops whatever Zero state the database holds (after a restore into a database zero-cache once
 * used). Refuses while a zero-cache still streams from one of its slots: stop it first.
 */
export async function dropZeroUpstreamState(sql: postgres.Sql): Promise<string[]> {
	const dropped: string[] = [];
	const slots = (
		await sql<{ slot_name: string; active: boolean }[]>`
			SELECT slot_name, active FROM pg_replication_slots
			WHERE database = current_database() AND slot_type = 'logical'`
	).filter((s) => isZeroSlot(s.slot_name));
	const active = slots.filter((s) => s.active).map((s) => s.slot_name);
	if (active.length)
		throw new Error(
			`zero-cache is still replicating from this database (slot ${active.join(', ')}): stop it first`
		);
	for (const { slot_name } of slots) {
		await sql`SELECT pg_drop_replication_slot(${slot_name})`;
		dropped.push(`replication slot ${slot_name}`);
	}
	for (const { evtname } of await sql<{ evtname: string }[]>`SELECT evtname FROM pg_event_trigger`)
		if (isZeroEventTrigger(evtname)) {
			await sql`DROP EVENT TRIGGER IF EXISTS ${sql(evtname)}`;
			dropped.push(`event trigger ${evtname}`);
		}
	for (const { pubname } of await sql<{ pubname: string }[]>`SELECT pubname FROM pg_publication`)
		if (isZeroPublication(pubname)) {
			await sql`DROP PUBLICATION IF EXISTS ${sql(pubname)}`;
			dropped.push(`publication ${pubname}`);
		}
	for (const { nspname } of await sql<{ nspname: string }[]>`SELECT nspname FROM pg_namespace`)
		if (isZeroSchema(nspname)) {
			await sql`DROP SCHEMA IF EXISTS ${sql(nspname)} CASCADE`;
			dropped.push(`schema ${nspname}`);
		}
	return dropped;
}

/** zero-cache's replica file as `npm run dev` places it (server/runtime/zero-cache.ts). */
export function replicaFileFor(dataDir: string): string {
	return process.env.ZERO_REPLICA_FILE || join(dataDir, 'zero', 'replica.db');
}

/**
 * Deletes zero-cache's SQLite replicas for a stack's data folder: they mirror the database as it
 * was before the restore; zero-cache makes new ones from Postgres on its next start. Covers
 * `npm run dev` / `npm start` (DATA_DIR/zero/replica.db), the cluster (one folder per process under
 * DATA_DIR/zero, and Litestream's file backup in DATA_DIR/zero/backup, from which the
 * replication-manager would otherwise bring the old replica back) and ZERO_REPLICA_FILE.
 */
export async function resetZeroReplicas(dataDir: string): Promise<string[]> {
	if (process.env.ZERO_REPLICA_FILE) return resetReplica(process.env.ZERO_REPLICA_FILE);
	const zeroDir = join(dataDir, 'zero');
	const removed = await resetReplica(join(zeroDir, 'replica.db'));
	const entries = await readdir(zeroDir, { withFileTypes: true }).catch(() => []);
	for (const entry of entries) {
		if (!entry.isDirectory()) continue;
		const folder = join(zeroDir, entry.name);
		if (entry.name === 'backup') {
			await rm(folder, { recursive: true, force: true });
			removed.push(folder);
		} else removed.push(...(await resetReplica(join(folder, 'replica.db'))));
	}
	return removed;
}

/** Deletes one replica file and its companions (-wal, -wal2, -shm). */
export async function resetReplica(replicaFile: string): Promise<string[]> {
	const dir = dirname(replicaFile);
	const base = basename(replicaFile);
	let names: string[];
	try {
		names = await readdir(dir);
	} catch {
		return [];
	}
	const removed: string[] = [];
	for (const name of names)
		if (name === base || name.startsWith(`${base}-`)) {
			await rm(join(dir, name), { recursive: true, force: true });
			removed.push(join(dir, name));
		}
	return removed;
}
