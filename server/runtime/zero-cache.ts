import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startChild, type ChildOptions } from './processes.ts';

export type ZeroCacheOptions = {
	databaseUrl: string;
	dataDir: string;
	port: number;
	/** The app's base URL as zero-cache reaches it, for the query and mutate endpoints. */
	appUrl: string;
	output: ChildOptions['output'];
	onUnexpectedExit?: ChildOptions['onUnexpectedExit'];
};

export const ZERO_PUBLICATION = 'zero_data';

export function zeroCacheEnv(o: Omit<ZeroCacheOptions, 'output' | 'onUnexpectedExit'>) {
	return {
		ZERO_UPSTREAM_DB: o.databaseUrl,
		ZERO_REPLICA_FILE: join(o.dataDir, 'zero', 'replica.db'),
		ZERO_PORT: String(o.port),
		// Security: only the tables of this publication are replicated (secrets are not in it).
		ZERO_APP_PUBLICATIONS: ZERO_PUBLICATION,
		// Every write goes through our mutators; raw CRUD from clients is off.
		ZERO_ENABLE_CRUD_MUTATIONS: 'false',
		ZERO_QUERY_URL: `${o.appUrl}/api/zero/query`,
		ZERO_MUTATE_URL: `${o.appUrl}/api/zero/mutate`,
		// The session cookie identifies the user to our endpoints; the client sends no token.
		ZERO_QUERY_FORWARD_COOKIES: 'true',
		ZERO_MUTATE_FORWARD_COOKIES: 'true',
		ZERO_ADMIN_PASSWORD: process.env.ZERO_ADMIN_PASSWORD ?? 'valclean-local-admin',
		ZERO_NUM_SYNC_WORKERS: process.env.ZERO_NUM_SYNC_WORKERS ?? '1',
		ZERO_LOG_LEVEL: process.env.ZERO_LOG_LEVEL ?? 'warn',
		DO_NOT_TRACK: '1'
	};
}

/** zero-cache, run directly (signals sent to `npx zero-cache` would leave it orphaned). */
export function startZeroCache(o: ZeroCacheOptions) {
	mkdirSync(join(o.dataDir, 'zero'), { recursive: true });
	const cli = join(
		process.cwd(),
		'node_modules',
		'@rocicorp',
		'zero',
		'out',
		'zero',
		'src',
		'cli.js'
	);
	return startChild('zero-cache', process.execPath, [cli], {
		env: zeroCacheEnv(o),
		// SIGQUIT: stop now, without draining connections (zero-cache then stops its own workers).
		stopSignal: 'SIGQUIT',
		output: o.output,
		onUnexpectedExit: o.onUnexpectedExit
	});
}
