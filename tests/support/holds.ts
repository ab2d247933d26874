import { runOnce } from 'graphile-worker';
import { quietLogger } from '../../server/worker/logger.ts';
import { taskList } from '../../server/worker/tasks.ts';
import type { TestDatabase } from './postgres.ts';

/**
 * Lets a booking's unpaid hold (all of its series) run out now, then runs the worker's sweep once,
 * as its crontab does every minute (booking__expire_holds).
 */
export async function runOutHold(pg: TestDatabase, appointmentId: string) {
	await pg.sql`UPDATE appointments SET hold_expires_at = now()
		WHERE id = ${appointmentId} OR series_id = ${appointmentId}`;
	await pg.sql`SELECT graphile_worker.add_job('booking__expire_holds', '{}'::json)`;
	await runOnce({ connectionString: pg.url, taskList, logger: quietLogger, noHandleSignals: true });
}
