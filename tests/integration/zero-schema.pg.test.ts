import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../sync/schema.ts';
import { startTestDatabase, type TestDatabase } from '../support/postgres.ts';

const SECRET_TABLES = [
	'user_passwords',
	'sessions',
	'api_tokens',
	'calendar_credentials',
	'worker_heartbeats'
];

describe('the Zero schema', () => {
	it('is what drizzle-zero generates from drizzle/ today (run `npm run zero:generate`)', () => {
		// Generated beside the real one: the file holds a path relative to itself.
		const out = join('sync', `.schema-check-${process.pid}.gen.ts`);
		try {
			execFileSync(
				join('node_modules', '.bin', 'drizzle-zero'),
				['generate', '-c', 'drizzle-zero.config.ts', '-o', out, '--format'],
				{ stdio: 'pipe' }
			);
			expect(readFileSync(out, 'utf8')).toBe(readFileSync('sync/schema.gen.ts', 'utf8'));
		} finally {
			rmSync(out, { force: true });
		}
	});

	describe("against Zero's publication", () => {
		let pg: TestDatabase;
		beforeAll(async () => {
			pg = await startTestDatabase();
		});
		afterAll(() => pg?.stop());

		it('publishes exactly the tables the Zero schema syncs, and no secret table', async () => {
			const rows = await pg.sql<{ tablename: string }[]>`
				SELECT tablename FROM pg_publication_tables WHERE pubname = 'zero_data'`;
			const published = rows.map((r) => r.tablename).sort();
			const synced = Object.values(schema.tables)
				.map((t) => ('serverName' in t && t.serverName ? t.serverName : t.name) as string)
				.sort();
			expect(published).toEqual(synced);
			for (const secret of SECRET_TABLES) expect(published).not.toContain(secret);
		});
	});
});
