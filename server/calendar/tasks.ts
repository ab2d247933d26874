import { eq, sql } from 'drizzle-orm';
import type { JobHelpers, TaskList } from 'graphile-worker';
import { z } from 'zod';
import { calendarCredentials } from '../../drizzle/schema.ts';
import { database } from '../db/client.ts';
import { queuePull } from './connections.ts';
import { pullBusy, queueUserPushes } from './pull.ts';
import { pushAppointment } from './push.ts';

// Calendar sync's worker tasks. Pushes are queued by the appointments trigger (one per change,
// keyed by booking); pulls by the crontab below, "Sync now" and a resync. A revoked grant marks
// the connection broken and the task ends without error: retrying cannot help.

const pushPayload = z.object({ appointmentId: z.uuid() });
const userPayload = z.object({ userId: z.uuid() });

function reportBroken(helpers: JobHelpers, broken: string[] | boolean) {
	if (broken === true || (Array.isArray(broken) && broken.length))
		helpers.logger.warn('calendar connection broken (grant revoked or expired); sync stopped');
}

export const calendarTasks: TaskList = {
	calendar__push: async (payload, helpers) => {
		const { appointmentId } = pushPayload.parse(payload);
		reportBroken(helpers, (await pushAppointment(database().db, appointmentId)).broken);
	},

	calendar__pull: async (payload, helpers) => {
		const { userId } = userPayload.parse(payload);
		reportBroken(helpers, (await pullBusy(database().db, userId)).kind === 'broken');
	},

	/** After choosing a calendar (or reconnecting): read it afresh and push every upcoming job. */
	calendar__resync: async (payload, helpers) => {
		const { userId } = userPayload.parse(payload);
		const db = database().db;
		await db
			.update(calendarCredentials)
			.set({ syncToken: null })
			.where(eq(calendarCredentials.userId, userId));
		reportBroken(helpers, (await pullBusy(db, userId)).kind === 'broken');
		await queueUserPushes(db, userId);
	},

	/** Every active connection's pull, on the crontab. */
	calendar__pull_all: async () => {
		const db = database().db;
		const rows = await db.execute<{ user_id: string }>(sql`
			SELECT c.user_id FROM calendar_credentials c JOIN staff s ON s.user_id = c.user_id
			WHERE c.status = 'active' AND c.calendar_id IS NOT NULL`);
		for (const row of rows) await queuePull(db, row.user_id);
	}
};

/** Busy times are read every 10 minutes (and at once with "Sync now"). */
export const calendarCrontab = ['*/10 * * * * calendar__pull_all'];
