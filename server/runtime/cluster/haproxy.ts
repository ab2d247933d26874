// HAProxy in front of the web instances and of zero-cache's view-syncers. One process serves both
// here; across machines each would be its own (or a managed load balancer with the same rules).

export type Backend = { name: string; host: string; port: number };

export function haproxyConfig(o: {
	listenHost: string;
	web: { port: number; servers: Backend[] };
	zero: { port: number; servers: Backend[] };
}): string {
	const servers = (list: Backend[]) =>
		// A dead server is out after two failed checks a second apart; one success brings it back.
		list.map((s) => `\tserver ${s.name} ${s.host}:${s.port} check inter 1s fall 2 rise 1`);
	return [
		'global',
		'\tmaxconn 4000',
		'',
		'defaults',
		'\tmode http',
		'\ttimeout connect 2s',
		'\ttimeout client 60s',
		'\ttimeout server 60s',
		// WebSockets: a Zero connection stays open while the app is.
		'\ttimeout tunnel 1h',
		'\ttimeout http-request 10s',
		// A request refused by a server that just died goes to another one.
		'\tretries 3',
		'\toption redispatch',
		'',
		'frontend web',
		`\tbind ${o.listenHost}:${o.web.port}`,
		'\toption forwardfor',
		'\tdefault_backend web',
		'',
		'backend web',
		'\tbalance roundrobin',
		// A new server connection for each request: an instance that stops closes its idle
		// keep-alive connections, and a request HAProxy sent on one of them at that moment would be
		// lost (HAProxy then closes the caller's connection without an answer). A refused connection
		// instead is retried on the other instance. On loopback or a LAN the cost is a TCP handshake.
		'\toption http-server-close',
		// A plain TCP check: /healthz also judges zero-cache and the worker, which are not this
		// instance's fault.
		...servers(o.web.servers),
		'',
		'frontend zero',
		`\tbind ${o.listenHost}:${o.zero.port}`,
		'\tdefault_backend zero',
		'',
		'backend zero',
		// Connections live long: spread them by count, not by turn.
		'\tbalance leastconn',
		// zero-cache answers "OK" at / once it is ready to sync.
		'\toption httpchk GET /',
		...servers(o.zero.servers),
		''
	].join('\n');
}
