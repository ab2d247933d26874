import { afterEach, describe, expect, test } from 'vitest';
import { poolMode } from '../../db/client.ts';
import { APP_NODE_FLAGS } from '../node-flags.ts';
import { ecosystem } from './ecosystem.ts';
import { haproxyConfig } from './haproxy.ts';
import { pgbouncerConfig } from './pgbouncer.ts';
import type { ClusterSettings } from './settings.ts';

const DIRECT = 'postgres://valclean:se%22cret@10.0.0.5:5432/valclean';

const settings: ClusterSettings = {
	dataDir: '/srv/cluster',
	postgresPort: 54339,
	listenHost: '0.0.0.0',
	internalHost: '127.0.0.1',
	pgbouncer: { port: 6432, poolSize: 20, maxClientConnections: 500 },
	web: { port: 5173, instances: 2, basePort: 5181, poolSize: 10, buildDir: '/srv/app/build' },
	zero: { port: 4848, viewSyncers: 2, basePort: 4850, syncWorkers: 1 },
	workers: { count: 2, concurrency: 4 },
	seed: false
};

const files = { pgbouncerIni: '/c/pgbouncer.ini', haproxyCfg: '/c/haproxy.cfg', logDir: '/l' };

describe('PgBouncer configuration', () => {
	const config = pgbouncerConfig({
		databaseUrl: DIRECT,
		listenHost: '0.0.0.0',
		internalHost: '127.0.0.1',
		port: 6432,
		poolSize: 20,
		maxClientConnections: 500,
		userlistPath: '/c/users.txt',
		runAs: 'postgres'
	});

	test('pools transactions to the direct database, and the web instances reach it locally', () => {
		expect(config.ini).toContain('pool_mode = transaction');
		expect(config.ini).toContain('valclean = host=10.0.0.5 port=5432 dbname=valclean');
		expect(config.ini).toContain('default_pool_size = 20');
		expect(config.ini).toContain('user = postgres');
		expect(config.clientUrl).toBe('postgres://valclean:se%22cret@127.0.0.1:6432/valclean');
	});

	test('writes the password decoded, with quotes doubled', () => {
		expect(config.userlist).toBe('"valclean" "se""cret"\n');
	});

	test('refuses an address without a database', () => {
		expect(() =>
			pgbouncerConfig({
				...settings.pgbouncer,
				databaseUrl: 'postgres://u:p@h:5432',
				listenHost: '',
				internalHost: '',
				userlistPath: ''
			})
		).toThrow(/DATABASE_URL/);
	});
});

test('HAProxy balances the web instances and the view-syncers, checking each', () => {
	const cfg = haproxyConfig({
		listenHost: '0.0.0.0',
		web: { port: 5173, servers: [{ name: 'web-1', host: '127.0.0.1', port: 5181 }] },
		zero: { port: 4848, servers: [{ name: 'view-syncer-1', host: '127.0.0.1', port: 4860 }] }
	});
	expect(cfg).toContain('bind 0.0.0.0:5173');
	expect(cfg).toContain('server web-1 127.0.0.1:5181 check');
	expect(cfg).toContain('bind 0.0.0.0:4848');
	expect(cfg).toContain('server view-syncer-1 127.0.0.1:4860 check');
	expect(cfg).toContain('timeout tunnel');
});

describe('the processes pm2 runs', () => {
	const { apps } = ecosystem(settings, {
		databaseUrl: DIRECT,
		pooledUrl: 'postgres://valclean:x@127.0.0.1:6432/valclean',
		files
	});
	const named = (name: string) => apps.find((a) => a.name === name)!;

	test('one of each engine, two web instances, two view-syncers, two workers', () => {
		expect(apps.map((a) => a.name).sort()).toEqual(
			[
				'haproxy',
				'pgbouncer',
				'replication-manager',
				'view-syncer-1',
				'view-syncer-2',
				'web-1',
				'web-2',
				'worker-1',
				'worker-2'
			].sort()
		);
		for (const app of apps) expect(app.autorestart).toBe(true);
	});

	test("the app's own processes run with its Node flags, before the program", () => {
		for (const name of ['web-1', 'web-2', 'worker-1', 'worker-2'])
			expect(named(name).args.slice(0, APP_NODE_FLAGS.length)).toEqual(APP_NODE_FLAGS);
		expect(APP_NODE_FLAGS).toContain('--experimental-async-context-frame');
	});

	test('only the web instances go through PgBouncer, without prepared statements', () => {
		expect(named('web-1').env.DATABASE_URL).toContain(':6432/');
		expect(named('web-1').env.DATABASE_POOL_MODE).toBe('transaction');
		expect(named('web-2').env.PORT).toBe('5182');
		expect(named('worker-1').env.DATABASE_URL).toBe(DIRECT);
		expect(named('replication-manager').env.ZERO_UPSTREAM_DB).toBe(DIRECT);
		expect(named('view-syncer-2').env.ZERO_UPSTREAM_DB).toBe(DIRECT);
	});

	test('view-syncers follow the replication-manager, each with its own replica and ports', () => {
		const rm = named('replication-manager').env;
		expect(rm.ZERO_NUM_SYNC_WORKERS).toBe('0');
		expect(rm.ZERO_LITESTREAM_BACKUP_URL).toBe('file:///srv/cluster/zero/backup');
		const [a, b] = [named('view-syncer-1').env, named('view-syncer-2').env];
		expect(a.ZERO_CHANGE_STREAMER_URI).toBe('http://127.0.0.1:4851');
		expect([a.ZERO_PORT, b.ZERO_PORT]).toEqual(['4860', '4870']);
		expect(new Set([rm.ZERO_REPLICA_FILE, a.ZERO_REPLICA_FILE, b.ZERO_REPLICA_FILE]).size).toBe(3);
		expect(a.ZERO_TASK_ID).not.toBe(b.ZERO_TASK_ID);
		expect(a.ZERO_MUTATE_URL).toBe('http://127.0.0.1:5173/api/zero/mutate');
	});
});

describe('DATABASE_POOL_MODE', () => {
	afterEach(() => {
		delete process.env.DATABASE_POOL_MODE;
	});
	test('is session by default and transaction when asked', () => {
		expect(poolMode()).toBe('session');
		process.env.DATABASE_POOL_MODE = 'transaction';
		expect(poolMode()).toBe('transaction');
	});
	test('names itself when it holds something else', () => {
		process.env.DATABASE_POOL_MODE = 'statement';
		expect(() => poolMode()).toThrow(/DATABASE_POOL_MODE/);
	});
});
