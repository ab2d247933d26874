import { execFile } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { seedQuietDiary } from '../../tests/support/quiet-diary.ts';
import { keyId, totpBox } from '../auth/secret-box.ts';
import { calendarTokenBox, openCredentials, sealCredentials } from '../calendar/tokens.ts';
import { RotationRefused, rotateSecrets } from './rotate-secrets.ts';

// Key rotation over a real Postgres: secrets sealed with key A (and TOTP secrets stored plain, and
// in the format from before key ids) are re-sealed with key B while A is still accepted as
// previous; afterwards B alone opens everything, and a second run changes nothing. A value no
// configured key opens stops the run before anything is written.

const VARIABLES = [
	'TOTP_ENCRYPTION_KEY',
	'TOTP_ENCRYPTION_KEY_PREVIOUS',
	'CALENDAR_TOKEN_KEY',
	'CALENDAR_TOKEN_KEY_PREVIOUS'
];
const saved = Object.fromEntries(VARIABLES.map((v) => [v, process.env[v]]));
const A = randomBytes(32).toString('base64');
const B = randomBytes(32).toString('base64');
const STRANGER = randomBytes(32).toString('base64');

let pg: TestDatabase;
let userIds: string[];
/** Each TOTP row's secret in clear: ours, and the demo admin's that the seed stores plain. */
const totpClear = new Map<string, string>();

function useKeys(keys: Partial<Record<(typeof VARIABLES)[number], string>>) {
	for (const v of VARIABLES) delete process.env[v];
	Object.assign(process.env, keys);
}

/** The `v1.` format written before key ids. */
function sealV1(key: string, secret: string) {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', Buffer.from(key, 'base64'), iv);
	const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
	return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

const totpSecret = (i: number) => `JBSWY3DPEHPK3PX${'ABCDEFG'[i]}`;
const grant = (i: number) => ({
	refreshToken: `refresh-${i}`,
	...(i % 2 === 0 && { accessToken: `access-${i}` }),
	expiresAt: 1_900_000_000_000 + i
});

async function stored() {
	const totp = await pg.sql`SELECT user_id, secret FROM user_totp ORDER BY user_id`;
	const calendar = await pg.sql`SELECT user_id, access_token, refresh_token, expires_at
		FROM calendar_credentials ORDER BY user_id`;
	return { totp: totp.map((r) => ({ ...r })), calendar: calendar.map((r) => ({ ...r })) };
}

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedQuietDiary(pg.url);
	for (const row of await pg.sql`SELECT user_id, secret FROM user_totp`)
		totpClear.set(row.user_id, row.secret.replace(/^plain\./, ''));
	expect(totpClear.size).toBe(1);
	userIds = (
		await pg.sql`SELECT id FROM users WHERE id NOT IN (SELECT user_id FROM user_totp)
			ORDER BY id LIMIT 5`
	).map((r) => r.id);
	expect(userIds).toHaveLength(5);
	userIds.forEach((id, i) => totpClear.set(id, totpSecret(i)));
});

afterEach(() => useKeys({}));
afterAll(async () => {
	for (const v of VARIABLES) {
		if (saved[v] === undefined) delete process.env[v];
		else process.env[v] = saved[v];
	}
	await pg?.stop();
});

describe('npm run rotate-secrets', () => {
	it('moves every secret from key A to key B; then B alone opens them; a second run changes nothing', async () => {
		// Before: TOTP secrets stored plain (no key yet), in the old v1 format, and sealed with A;
		// calendar grants sealed with A.
		useKeys({});
		await pg.sql`INSERT INTO user_totp (user_id, secret) VALUES
			(${userIds[0]}, ${totpBox.seal(totpSecret(0))}),
			(${userIds[1]}, ${sealV1(A, totpSecret(1))})`;
		useKeys({ TOTP_ENCRYPTION_KEY: A, CALENDAR_TOKEN_KEY: A });
		for (const i of [2, 3, 4])
			await pg.sql`INSERT INTO user_totp (user_id, secret) VALUES (${userIds[i]}, ${totpBox.seal(totpSecret(i))})`;
		for (const i of [0, 1, 2]) {
			const sealed = sealCredentials(grant(i));
			await pg.sql`INSERT INTO calendar_credentials
				(user_id, provider, access_token, refresh_token, expires_at)
				VALUES (${userIds[i]}, 'google', ${sealed.accessToken}, ${sealed.refreshToken}, ${sealed.expiresAt!.toISOString()})`;
		}
		const before = await stored();
		// (Rows are in user id order, random ids: the demo admin's may come first.)
		expect(before.totp.find((r) => r.user_id === userIds[0])?.secret).toBe(
			`plain.${totpSecret(0)}`
		);

		// Rotate: B is current, A is previous (listed after another old key, to show the list works).
		useKeys({
			TOTP_ENCRYPTION_KEY: B,
			TOTP_ENCRYPTION_KEY_PREVIOUS: `${STRANGER},${A}`,
			CALENDAR_TOKEN_KEY: B,
			CALENDAR_TOKEN_KEY_PREVIOUS: A
		});
		const counts = await rotateSecrets(pg.db, { batch: 2 });
		expect(counts).toEqual([
			{ table: 'user_totp', rows: 6, resealed: 6, unchanged: 0 },
			{ table: 'calendar_credentials', rows: 3, resealed: 3, unchanged: 0 }
		]);

		// Only B now: every value is sealed with B and opens to what it was.
		useKeys({ TOTP_ENCRYPTION_KEY: B, CALENDAR_TOKEN_KEY: B });
		const after = await stored();
		const idB = keyId(Buffer.from(B, 'base64'));
		for (const [i, row] of after.totp.entries()) {
			expect(row.secret.startsWith(`v2.${idB}.`)).toBe(true);
			expect(totpBox.open(row.secret)).toBe(totpClear.get(row.user_id));
			expect(row.secret).not.toBe(before.totp[i].secret);
		}
		for (const row of after.calendar) {
			const i = userIds.indexOf(row.user_id);
			expect(row.refresh_token.startsWith(`v2.${idB}.`)).toBe(true);
			expect(row.access_token === null).toBe(i % 2 === 1);
			expect(
				openCredentials({
					accessToken: row.access_token,
					refreshToken: row.refresh_token,
					expiresAt: new Date(row.expires_at)
				})
			).toEqual(grant(i));
		}
		expect(after.calendar.map((r) => r.expires_at)).toEqual(
			before.calendar.map((r) => r.expires_at)
		);

		// A second run finds nothing to do and writes nothing.
		const again = await rotateSecrets(pg.db, { batch: 2 });
		expect(again).toEqual([
			{ table: 'user_totp', rows: 6, resealed: 0, unchanged: 6 },
			{ table: 'calendar_credentials', rows: 3, resealed: 0, unchanged: 3 }
		]);
		expect(await stored()).toEqual(after);
		// And A alone no longer opens anything.
		useKeys({ CALENDAR_TOKEN_KEY: A });
		expect(() => calendarTokenBox.open(after.calendar[0].refresh_token)).toThrow(
			/CALENDAR_TOKEN_KEY/
		);
	});

	it('refuses, naming the variable and writing nothing, when a value opens with no configured key', async () => {
		// Everything is sealed with B (previous test); one grant sealed with a key nobody configured.
		useKeys({ CALENDAR_TOKEN_KEY: STRANGER });
		const strange = calendarTokenBox.seal('refresh-stranger');
		await pg.sql`UPDATE calendar_credentials SET refresh_token = ${strange}
			WHERE user_id = ${userIds[2]}`;
		// Rotating to a new key C with B as previous: the TOTP secrets (checked first) could all be
		// re-sealed, yet the one unknown grant stops the whole run before any write.
		const C = randomBytes(32).toString('base64');
		useKeys({
			TOTP_ENCRYPTION_KEY: C,
			TOTP_ENCRYPTION_KEY_PREVIOUS: B,
			CALENDAR_TOKEN_KEY: C,
			CALENDAR_TOKEN_KEY_PREVIOUS: B
		});
		const before = await stored();
		const refused = await rotateSecrets(pg.db, { batch: 2 }).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(RotationRefused);
		expect((refused as RotationRefused).variable).toBe('CALENDAR_TOKEN_KEY');
		expect((refused as Error).message).toContain(
			`calendar_credentials.refresh_token of user_id ${userIds[2]}`
		);
		expect((refused as Error).message).toContain('CALENDAR_TOKEN_KEY_PREVIOUS');
		expect((refused as Error).message).not.toContain('refresh-stranger');
		expect(await stored()).toEqual(before);

		// The command itself says so and exits non-zero, again without writing.
		const cli = await promisify(execFile)(
			process.execPath,
			['--import', 'tsx', 'server/ops/rotate-secrets-cli.ts'],
			{ env: { ...process.env, DATABASE_URL: pg.url, VITEST: '' } }
		).catch((e: { code: number; stderr: string }) => e);
		expect('code' in cli && cli.code).toBe(2);
		expect(cli.stderr).toMatch(
			/^Refused: calendar_credentials\.refresh_token .*CALENDAR_TOKEN_KEY/
		);
		expect(await stored()).toEqual(before);

		// With the stranger's key given as a previous one too, the command re-seals everything.
		process.env.CALENDAR_TOKEN_KEY_PREVIOUS = `${B},${STRANGER}`;
		const done = await promisify(execFile)(
			process.execPath,
			['--import', 'tsx', 'server/ops/rotate-secrets-cli.ts'],
			{ env: { ...process.env, DATABASE_URL: pg.url, ROTATE_BATCH_SIZE: '3' } }
		);
		expect(done.stdout).toContain(
			'user_totp: 6 row(s), 6 re-sealed with the current key, 0 already current'
		);
		expect(done.stdout).toContain('calendar_credentials: 3 row(s), 3 re-sealed');
		useKeys({ CALENDAR_TOKEN_KEY: C });
		const [row] =
			await pg.sql`SELECT refresh_token FROM calendar_credentials WHERE user_id = ${userIds[2]}`;
		expect(calendarTokenBox.open(row.refresh_token)).toBe('refresh-stranger');
	});
});
