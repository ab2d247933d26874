// PgBouncer's configuration for the web instances' queries: transaction pooling, so that hundreds
// of client connections share a few server connections. Whatever needs a session (the worker's
// LISTEN/NOTIFY, zero-cache's replication, migrations) connects to Postgres directly instead.

export type PgbouncerConfig = { ini: string; userlist: string; clientUrl: string };

export function pgbouncerConfig(o: {
	/** The direct address of the app's database. */
	databaseUrl: string;
	listenHost: string;
	internalHost: string;
	port: number;
	poolSize: number;
	maxClientConnections: number;
	userlistPath: string;
	/** As root, PgBouncer refuses to run unless told which user to become. */
	runAs?: string;
}): PgbouncerConfig {
	const url = new URL(o.databaseUrl);
	const database = decodeURIComponent(url.pathname.slice(1));
	const user = decodeURIComponent(url.username);
	const password = decodeURIComponent(url.password);
	if (!database || !user) throw new Error('DATABASE_URL must name a user and a database');
	const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
	const ini = [
		'[databases]',
		`${database} = host=${url.hostname} port=${url.port || 5432} dbname=${database}`,
		'',
		'[pgbouncer]',
		`listen_addr = ${o.listenHost}`,
		`listen_port = ${o.port}`,
		// No socket file: nothing to clash with another PgBouncer or Postgres on the machine.
		'unix_socket_dir =',
		'auth_type = scram-sha-256',
		`auth_file = ${o.userlistPath}`,
		'pool_mode = transaction',
		`default_pool_size = ${o.poolSize}`,
		`max_client_conn = ${o.maxClientConnections}`,
		// postgres.js sends these at start-up; PgBouncer would refuse the connection otherwise.
		'ignore_startup_parameters = extra_float_digits,options',
		// After a failed login to Postgres (it is restarting) PgBouncer waits this long before trying
		// again, refusing clients meanwhile: the default 15 s kept the app down 15 s after Postgres
		// was back (measured by `npm run load`).
		'server_login_retry = 1',
		// A query waiting for a server connection fails after 10 s (default 120 s): with Postgres
		// down, a request would otherwise hang for half a minute or more; this way the app answers
		// 503 "briefly unavailable" (hooks.server.ts) while a short restart still goes unnoticed.
		'query_wait_timeout = 10',
		...(o.runAs ? [`user = ${o.runAs}`] : []),
		''
	].join('\n');
	return {
		ini,
		userlist: `${quote(user)} ${quote(password)}\n`,
		clientUrl: `postgres://${url.username}:${url.password}@${o.internalHost}:${o.port}/${url.pathname.slice(1)}`
	};
}
