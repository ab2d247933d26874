// The one-machine cluster's every address and size, from the environment with defaults. The same
// names describe the layout spread over machines (docs/deploy.md, "Cluster").
import { resolve } from 'node:path';
import { config } from '../../env.ts';

export type ClusterSettings = {
	/** Embedded Postgres data, zero-cache replicas and backups, the generated configs, pm2's home. */
	dataDir: string;
	/** An external Postgres (wal_level=logical), reached directly; else the embedded one. */
	databaseUrl?: string;
	postgresPort: number;
	/** Where the load balancers and PgBouncer listen (0.0.0.0 to serve other machines). */
	listenHost: string;
	/** Where the parts reach each other: on one machine, loopback. */
	internalHost: string;
	pgbouncer: { port: number; poolSize: number; maxClientConnections: number };
	web: { port: number; instances: number; basePort: number; poolSize: number; buildDir: string };
	zero: { port: number; viewSyncers: number; basePort: number; syncWorkers: number };
	workers: { count: number; concurrency: number };
	seed: boolean;
};

export function clusterSettings(): ClusterSettings {
	const env = process.env;
	const int = config.int;
	return {
		dataDir: resolve(env.DATA_DIR || '.data/cluster'),
		databaseUrl: env.DATABASE_URL || undefined,
		postgresPort: int('PG_PORT', 54339),
		listenHost: env.LISTEN_HOST || '0.0.0.0',
		internalHost: env.INTERNAL_HOST || '127.0.0.1',
		pgbouncer: {
			port: int('PGBOUNCER_PORT', 6432),
			// Server connections per database and user: what Postgres sees from all web instances.
			poolSize: int('PGBOUNCER_POOL_SIZE', 20),
			maxClientConnections: int('PGBOUNCER_MAX_CLIENT_CONN', 500)
		},
		web: {
			port: int('PORT', 5173),
			instances: int('WEB_INSTANCES', 2),
			// Instance i listens on WEB_BASE_PORT + i.
			basePort: int('WEB_BASE_PORT', 5181),
			// Client connections each instance opens to PgBouncer.
			poolSize: int('WEB_DB_POOL_SIZE', 10),
			// The adapter-node build the instances run (`npm run build` writes `build`).
			buildDir: resolve(env.WEB_BUILD_DIR || 'build')
		},
		zero: {
			port: int('ZERO_PORT', 4848),
			viewSyncers: int('VIEW_SYNCERS', 2),
			// zero-cache uses port, port+1 and port+2: the replication-manager takes ZERO_BASE_PORT,
			// view-syncer i ZERO_BASE_PORT + 10 * i.
			basePort: int('ZERO_BASE_PORT', 4850),
			syncWorkers: int('ZERO_NUM_SYNC_WORKERS', 1)
		},
		workers: { count: int('WORKERS', 2), concurrency: int('WORKER_CONCURRENCY', 4) },
		seed: env.SEED !== '0'
	};
}

export const webPort = (s: ClusterSettings, i: number) => s.web.basePort + i;
export const replicationManagerPort = (s: ClusterSettings) => s.zero.basePort;
export const viewSyncerPort = (s: ClusterSettings, i: number) => s.zero.basePort + 10 * (i + 1);
