// `npm run backup`: one consistent dump of the app's database (pg_dump takes a single snapshot, so
// every table is as of the same moment, without blocking writes), then the retention rule.
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import postgres from 'postgres';
import { requireMatchingTool, runTool } from './pg-tools.ts';
import {
	backupFileName,
	backupsToRemove,
	parseBackupFileName,
	type BackupFile,
	type RetentionPolicy
} from './retention.ts';
import { zeroSchemaPatterns } from './zero-state.ts';

export type BackupResult = {
	file: string;
	bytes: number;
	ms: number;
	/** Backups deleted by the retention rule (full paths). */
	removed: string[];
};

export async function backupDatabase(o: {
	url: string;
	dir: string;
	policy: RetentionPolicy;
	now?: Date;
}): Promise<BackupResult> {
	const started = performance.now();
	const now = o.now ?? new Date();
	const sql = postgres(o.url, { max: 1, onnotice: () => {} });
	try {
		await requireMatchingTool('pg_dump', sql);
	} finally {
		await sql.end();
	}
	await mkdir(o.dir, { recursive: true });
	const file = join(o.dir, backupFileName(now));
	// Written beside under another name, renamed once whole: a dump that failed half-way never
	// looks like a backup, and never counts for retention.
	const partial = `${file}.partial`;
	try {
		await runTool('pg_dump', [
			'--format=custom',
			`--file=${partial}`,
			...zeroSchemaPatterns().map((p) => `--exclude-schema=${p}`),
			`--dbname=${o.url}`
		]);
		// Reading back its table of contents proves the archive is complete and readable.
		await runTool('pg_restore', ['--list', partial]);
		await rename(partial, file);
	} catch (error) {
		await rm(partial, { force: true });
		throw error;
	}
	const { size } = await stat(file);
	const removed = await applyRetention(o.dir, o.policy, now);
	return { file, bytes: size, ms: performance.now() - started, removed };
}

/** Deletes the backups in `dir` that the rule lets go; other files there are left alone. */
export async function applyRetention(dir: string, policy: RetentionPolicy, now: Date) {
	const files: BackupFile[] = [];
	for (const name of await readdir(dir)) {
		const takenAt = parseBackupFileName(name);
		if (takenAt) files.push({ name, takenAt });
	}
	const removed: string[] = [];
	for (const { name } of backupsToRemove(files, policy, now)) {
		await rm(join(dir, name), { force: true });
		removed.push(join(dir, name));
	}
	return removed.sort();
}
