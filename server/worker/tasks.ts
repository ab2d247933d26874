import type { TaskList } from 'graphile-worker';
import { z } from 'zod';

const holdPayload = z.object({ appointmentId: z.uuid() });

// One side effect per task, named entity__verb (design.md convention 8).
export const taskList: TaskList = {
	/** Expired sessions are useless and hold user ids: drop them daily. */
	session__purge_expired: async (_payload, helpers) => {
		await helpers.withPgClient((client) =>
			client.query('DELETE FROM sessions WHERE expires_at < now()')
		);
	},

	/** A `pending` booking (or recurring series) whose hold ran out frees its slots. */
	booking__hold_expiry: async (payload, helpers) => {
		const { appointmentId } = holdPayload.parse(payload);
		await helpers.withPgClient((client) =>
			client.query(
				`UPDATE appointments SET status = 'expired', updated_at = now()
				WHERE (id = $1 OR series_id = $1) AND status = 'pending'`,
				[appointmentId]
			)
		);
	}
};

export const crontab = '15 3 * * * session__purge_expired';
