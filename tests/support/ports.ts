import { createServer } from 'node:net';

function listenable(port: number): Promise<number | null> {
	return new Promise((resolve) => {
		const server = createServer();
		server.unref();
		server.on('error', () => resolve(null));
		server.listen(port, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : null));
		});
	});
}

/** A TCP port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
	const port = await listenable(0);
	if (port === null) throw new Error('no free TCP port');
	return port;
}

/** A port p such that p … p+count-1 are all free (zero-cache also listens on the next two). */
export async function freePortRange(count: number): Promise<number> {
	for (let attempt = 0; attempt < 50; attempt++) {
		const base = await freePort();
		if (base + count > 65535) continue;
		let ok = true;
		for (let i = 1; i < count && ok; i++) ok = (await listenable(base + i)) !== null;
		if (ok) return base;
	}
	throw new Error(`no ${count} consecutive free TCP ports`);
}
