// `npm run restore FILE`: a backup into an empty database, all or nothing, then what Zero needs:
// its upstream state and replica describe the database as it was, so both go and zero-cache
// rebuilds them from the restored tables on its next start.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { requireMatchingTool, runTool } from './pg-tools.ts';
import { dropZeroUpstreamState, resetZeroReplicas, withoutZeroEntries } from './zero-state.ts';

/** Schemas a backup brings: a target holding tables in any of them is not empty. */
const APP_SCHEMAS = ['public', 'drizzle', 'graphile_worker'];

export type RestoreResult = {
	ms: number;
	/** Zero state found in the target before the restore and dropped. */
	droppedZeroState: string[];
	/** Zero objects in the dump that were not restored (event triggers, publications). */
	leftOut: string[];
	/** zero-cache replica files deleted. */
	replicaFilesRemoved: string[];
};

export async function restoreDatabase(o: {
	url: string;
	file: string;
	/** The stack's DATA_DIR: zero-cache's replicas under it are reset (none when absent). */
	dataDir?: string;
}): Promise<RestoreResult> {
	const started = performance.now();
	const info = await stat(o.file).catch(() => null);
	if (!info?.isFile()) throw new Error(`no backup file at ${o.file}`);
	const sql = postgres(o.url, { max: 1, onnotice: () => {} });
	const work = await mkdtemp(join(tmpdir(), 'valclean-restore-'));
	try {
		await requireMatchingTool('pg_restore', sql);
		const [{ database }] = await sql<{ database: string }[]>`SELECT current_database() AS database`;
		const occupied = await sql<{ schema: string; tables: number }[]>`
			SELECT schemaname AS schema, count(*)::int AS tables FROM pg_tables
			WHERE schemaname IN ${sql(APP_SCHEMAS)} GROUP BY schemaname ORDER BY schemaname`;
		if (occupied.length)
			throw new Error(
				`database "${database}" is not empty (` +
					occupied.map((o) => `${o.tables} table(s) in ${o.schema}`).join(', ') +
					`): restore into a new, empty database — nothing was changed`
			);
		const droppedZeroState = await dropZeroUpstreamState(sql);
		const { stdout } = await runTool('pg_restore', ['--list', o.file]);
		const { list, left } = withoutZeroEntries(stdout);
		const listFile = join(work, 'restore.list');
		await writeFile(listFile, list);
		await runTool('pg_restore', [
			// One transaction: a failure leaves the database as empty as it was.
			'--single-transaction',
			'--exit-on-error',
			// Objects belong to whoever restores (a managed Postgres's admin user need not be ours).
			'--no-owner',
			`--use-list=${listFile}`,
			`--dbname=${o.url}`,
			o.file
		]);
		// pg_restore brings no planner statistics: gather them before the app's first queries.
		await sql`ANALYZE`;
		const replicaFilesRemoved = o.dataDir ? await resetZeroReplicas(o.dataDir) : [];
		return {
			ms: performance.now() - started,
			droppedZeroState,
			leftOut: left,
			replicaFilesRemoved
		};
	} finally {
		await sql.end();
		await rm(work, { recursive: true, force: true });
	}
}
