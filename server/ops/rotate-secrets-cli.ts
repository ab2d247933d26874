// npm run rotate-secrets — re-seals every stored secret with the current keys; see docs/deploy.md,
// "Secrets and encryption at rest".
//   DATABASE_URL                  the database (else the embedded one of npm run dev / npm start)
//   TOTP_ENCRYPTION_KEY           current key of TOTP secrets (plain ones get sealed once it is set)
//   TOTP_ENCRYPTION_KEY_PREVIOUS  older key(s), comma-separated, still accepted for reading
//   CALENDAR_TOKEN_KEY            current key of calendar grants
//   CALENDAR_TOKEN_KEY_PREVIOUS   older key(s), comma-separated
//   ROTATE_BATCH_SIZE             rows read at a time (default 200)
import { createDb } from '../db/client.ts';
import { RotationRefused, rotateSecrets } from './rotate-secrets.ts';
import { openTarget } from './target.ts';

function batchSize() {
	const raw = process.env.ROTATE_BATCH_SIZE;
	if (raw === undefined || raw === '') return 200;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1)
		throw new Error(`ROTATE_BATCH_SIZE must be a whole number ≥ 1, got "${raw}"`);
	return value;
}

try {
	const batch = batchSize();
	const target = await openTarget(false);
	const { db, sql } = createDb(target.url, 2);
	try {
		console.log(`Re-sealing secrets in ${target.describe}…`);
		for (const c of await rotateSecrets(db, { batch }))
			console.log(
				`${c.table}: ${c.rows} row(s), ${c.resealed} re-sealed with the current key, ${c.unchanged} already current`
			);
		console.log(
			'Done. Keys in *_PREVIOUS are no longer needed by the database (backups may still need them).'
		);
	} finally {
		await sql.end({ timeout: 5 });
		await target.release();
	}
} catch (error) {
	const refused = error instanceof RotationRefused;
	console.error(
		`${refused ? 'Refused' : 'Rotation failed'}: ${error instanceof Error ? error.message : error}`
	);
	process.exit(refused ? 2 : 1);
}
