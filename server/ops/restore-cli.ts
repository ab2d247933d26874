// npm run restore FILE — see docs/deploy.md, "Back up and restore".
//   DATABASE_URL       the EMPTY database to restore into (else the embedded one in DATA_DIR: stop
//                      the stack and move DATA_DIR/postgres aside first; a new one is made)
//   DATA_DIR           where zero-cache's replica lives (default .data); ZERO_REPLICA_FILE overrides
//   PG_BIN_DIR         folder of pg_dump / pg_restore when not on PATH
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { restoreDatabase } from './restore.ts';
import { openTarget } from './target.ts';

const file = process.argv[2];
if (!file || process.argv.length > 3) {
	console.error(
		'Usage: npm run restore <backup file>   (e.g. .data/backups/valclean-20261201T020000Z.dump)'
	);
	process.exit(2);
}

try {
	if (!statSync(file, { throwIfNoEntry: false })?.isFile())
		throw new Error(`no backup file at ${file}`);
	const target = await openTarget(true);
	try {
		console.log(`Restoring ${resolve(file)} into ${target.describe}…`);
		const done = await restoreDatabase({
			url: target.url,
			file: resolve(file),
			dataDir: target.dataDir
		});
		console.log(`Restored in ${(done.ms / 1000).toFixed(1)} s.`);
		if (done.droppedZeroState.length)
			console.log(`Dropped Zero state left in the database: ${done.droppedZeroState.join(', ')}.`);
		if (done.leftOut.length)
			console.log(
				`Left out of the restore (zero-cache makes its own): ${done.leftOut.join(', ')}.`
			);
		console.log(
			done.replicaFilesRemoved.length
				? `Reset zero-cache's replica: deleted ${done.replicaFilesRemoved.join(', ')}.`
				: `No zero-cache replica found under ${target.dataDir}; with zero-cache ` +
						`elsewhere, delete its replica file (ZERO_REPLICA_FILE) before starting it.`
		);
		console.log(
			[
				'Next: start the stack (zero-cache copies the restored tables into a new replica and makes a',
				'new replication slot). Devices then get "client state not found" from zero-cache: the office',
				'pages reload, the field app makes a new Zero client without reloading, and both download',
				"their data again. Field work waiting on a phone is in the phone's own outbox, not in Zero,",
				'and is sent as before. Anything written after this backup was taken is not in the database.'
			].join('\n')
		);
	} finally {
		await target.release();
	}
} catch (error) {
	console.error(`Restore failed: ${error instanceof Error ? error.message : error}`);
	process.exit(1);
}
