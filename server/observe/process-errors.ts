import { log } from './log.ts';

// A promise rejected with nobody to catch it ends a Node process. postgres.js leaves such a
// rejection behind when a new connection is refused while Postgres restarts (PgBouncer answers
// "server login has been failing", 08P01; compare porsager/postgres#279): in `npm run load` that
// took both web instances down at once, so the app came back only after pm2 restarted them. A lost
// database connection is not a broken process — the next query connects again — so it is logged
// and the process goes on. Anything else stays fatal, as Node has it, for the supervisor.

// postgres.js's own codes, the socket's, and SQLSTATE class 08 (connection) and 57P (shutdown).
const CONNECTION_CODES = new Set([
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED',
	'CONNECT_TIMEOUT',
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'57P01',
	'57P02',
	'57P03'
]);

/**
 * The code by which an error — or its cause: drizzle wraps the driver's error in a
 * DrizzleQueryError — says only that the database connection was lost or refused; null otherwise.
 */
export function connectionCode(reason: unknown, depth = 0): string | null {
	if (typeof reason !== 'object' || reason === null || depth > 3) return null;
	const { code, cause } = reason as { code?: unknown; cause?: unknown };
	if (typeof code === 'string' && (CONNECTION_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)))
		return code;
	return connectionCode(cause, depth + 1);
}

/** Whether an error only says the database connection was lost or refused. */
export const isDatabaseConnectionFailure = (reason: unknown) => connectionCode(reason) !== null;

let installed = false;

/** Installs the rule above once per process (SvelteKit's server `init`). */
export function surviveDatabaseRestarts() {
	if (installed) return;
	installed = true;
	process.on('unhandledRejection', (reason) => {
		if (!isDatabaseConnectionFailure(reason)) throw reason;
		log.warning('database connection lost (a rejection nobody awaited)', {
			code: connectionCode(reason)
		});
	});
}
