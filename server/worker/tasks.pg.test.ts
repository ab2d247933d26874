import { quickAddJob, runOnce } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { quietLogger } from './logger.ts';
import { taskList } from './tasks.ts';

let pg: TestDatabase;

beforeAll(async () => {
	pg = await startTestDatabase();
});
afterAll(() => pg?.stop());

describe('session__purge_expired', () => {
	it('deletes expired sessions and keeps live ones, through Graphile Worker', async () => {
		const [user] = await pg.sql`
			INSERT INTO users (email, username, name) VALUES ('a@example.com', 'a', 'A') RETURNING id`;
		await pg.sql`
			INSERT INTO sessions (id, user_id, expires_at) VALUES
				('expired', ${user.id}, now() - interval '1 minute'),
				('live', ${user.id}, now() + interval '1 day')`;
		await quickAddJob({ connectionString: pg.url }, 'session__purge_expired', {});
		await runOnce({
			connectionString: pg.url,
			taskList,
			logger: quietLogger,
			noHandleSignals: true
		});
		const rows = await pg.sql`SELECT id FROM sessions ORDER BY id`;
		expect(rows.map((r) => r.id)).toEqual(['live']);
		const [{ pending }] = await pg.sql`
			SELECT count(*)::int AS pending FROM graphile_worker._private_jobs`;
		expect(pending).toBe(0);
	});
});
