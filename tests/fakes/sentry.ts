import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

// A stand-in for Sentry's ingestion endpoint, enough for @sentry/node's HTTP transport: it takes
// envelopes at POST /api/<project>/envelope/ (newline-separated JSON: a header, then item header
// and item pairs), gzip or not, and keeps the error events. Tests point the SDK at it with a DSN
// such as `http://key@127.0.0.1:<port>/1`.

export type FakeSentryEvent = {
	event_id?: string;
	exception?: { values?: { type?: string; value?: string }[] };
	tags?: Record<string, string>;
	extra?: Record<string, unknown>;
	user?: unknown;
	request?: unknown;
	[key: string]: unknown;
};

export async function startFakeSentry() {
	const events: FakeSentryEvent[] = [];
	const requests: { path: string; key: string | null }[] = [];

	const server = createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://fake');
		const path = url.pathname;
		// The public key, in the X-Sentry-Auth header or the query string.
		const auth = String(req.headers['x-sentry-auth'] ?? '');
		const key = /sentry_key=([^,\s]+)/.exec(auth)?.[1] ?? url.searchParams.get('sentry_key');
		requests.push({ path, key });
		if (req.method !== 'POST' || !/^\/api\/\d+\/envelope\/$/.test(path)) {
			res.writeHead(404).end();
			return;
		}
		const raw = await readBody(req);
		const body = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString();
		const lines = body.split('\n').filter((l) => l.trim());
		// lines[0] is the envelope header; then an item header and its payload, in pairs.
		for (let i = 1; i + 1 < lines.length; i += 2) {
			const header = JSON.parse(lines[i]) as { type?: string };
			if (header.type === 'event') events.push(JSON.parse(lines[i + 1]) as FakeSentryEvent);
		}
		res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		dsn: `http://publickey@127.0.0.1:${port}/1`,
		events,
		requests,
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}
