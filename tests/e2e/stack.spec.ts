import { join } from 'node:path';
import Database from '@rocicorp/zero-sqlite3';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { loginWithCode } from '../support/totp.ts';

describe('the running stack', () => {
	it('reports Postgres, zero-cache and the worker healthy at /healthz', async () => {
		const response = await fetch(`${inject('appUrl')}/healthz`);
		expect(response.status).toBe(200);
		const health = await response.json();
		expect(health.ok).toBe(true);
		expect(health.checks.postgres.ok).toBe(true);
		expect(health.checks.zeroCache.ok).toBe(true);
		expect(health.checks.worker.ok).toBe(true);
		expect(health.checks.worker.workers).toBeGreaterThanOrEqual(1);
	});

	it('answers an unknown API path with the error envelope', async () => {
		const response = await fetch(`${inject('appUrl')}/api/v1/no-such-thing`);
		expect(response.status).toBe(404);
		const body = await response.json();
		expect(body).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
		expect(body.meta.version).toBe('1.0');
	});

	it("keeps secrets out of zero-cache's replica file", async () => {
		const sql = postgres(inject('databaseUrl'), { max: 1 });
		// Make sure a session exists, then look for its hash and every password hash on disk.
		await loginWithCode(inject('appUrl'), {
			email: 'admin@valclean.test',
			password: 'valclean-demo'
		});
		const secrets = [
			...(await sql<{ s: string }[]>`SELECT hash AS s FROM user_passwords`),
			...(await sql<{ s: string }[]>`SELECT id AS s FROM sessions`),
			...(await sql<{ s: string }[]>`SELECT id AS s FROM api_tokens`),
			...(await sql<{ s: string }[]>`SELECT secret AS s FROM user_totp`)
		].map((r) => r.s);
		await sql.end();
		expect(secrets.length).toBeGreaterThan(2);

		const replica = new Database(join(inject('dataDir'), 'zero', 'replica.db'), { readonly: true });
		try {
			const tables = replica
				.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
				.all()
				.map((r) => (r as { name: string }).name);
			expect(tables).toContain('appointments');
			for (const secretTable of [
				'user_passwords',
				'sessions',
				'api_tokens',
				'calendar_credentials',
				'worker_heartbeats'
			]) {
				expect(tables).not.toContain(secretTable);
			}
			// Search every text cell of every replicated table.
			for (const table of tables) {
				const rows = replica.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
				for (const row of rows) {
					for (const value of Object.values(row)) {
						if (typeof value !== 'string') continue;
						expect(value).not.toContain('$argon2');
						for (const secret of secrets) expect(value).not.toContain(secret);
					}
				}
			}
		} finally {
			replica.close();
		}
	});
});
