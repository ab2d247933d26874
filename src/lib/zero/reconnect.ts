import type { Connection } from '@rocicorp/zero';

const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 30_000;

/**
 * Zero stops in its `error` state, and never tries again by itself, on a server's `Internal` error:
 * what every client of a view-syncer gets when Postgres restarts ("terminating connection due to
 * administrator command"). Without this the office and field apps stayed offline until reloaded
 * (seen in `npm run load`). Retries after 1 s, doubling to 30 s while it keeps failing; starts
 * over once connected. `needs-auth` is left alone: a new sign-in is the app's business. Returns
 * the unsubscribe.
 */
export function reconnectAfterErrors(connection: Connection) {
	let delay = FIRST_RETRY_MS;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const unsubscribe = connection.state.subscribe((state) => {
		if (state.name === 'connected') delay = FIRST_RETRY_MS;
		if (state.name !== 'error' || timer) return;
		timer = setTimeout(() => {
			timer = undefined;
			if (connection.state.current.name === 'error') void connection.connect();
		}, delay);
		delay = Math.min(delay * 2, LONGEST_RETRY_MS);
	});
	return () => {
		clearTimeout(timer);
		unsubscribe();
	};
}
