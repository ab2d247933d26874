import type { TaskList } from 'graphile-worker';

// One side effect per task, named entity__verb (design.md convention 8).
export const taskList: TaskList = {
	/** Expired sessions are useless and hold user ids: drop them daily. */
	session__purge_expired: async (_payload, helpers) => {
		await helpers.withPgClient((client) =>
			client.query('DELETE FROM sessions WHERE expires_at < now()')
		);
	}
};

export const crontab = '15 3 * * * session__purge_expired';
