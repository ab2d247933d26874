import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A small stand-in for an S3-compatible object store, enough for `@aws-sdk/client-s3` as
// server/files/s3-driver.ts drives it: path-style addressing (/<bucket>/<key>), PutObject,
// GetObject, HeadObject and DeleteObject, S3's XML error shape (NoSuchKey, NoSuchBucket, AccessDenied), and a
// Signature V4 Authorization header naming the expected access key (the signature itself is not
// checked). Tests point the driver at it with S3_ENDPOINT and can make the next answers fail.

export type FakeObject = { body: Buffer; contentType: string; etag: string; lastModified: Date };

export type S3Behaviour = { status: number; code: string; message: string };

export async function startFakeS3(o: { bucket: string; accessKeyId: string }) {
	const objects = new Map<string, FakeObject>();
	const requests: { method: string; key: string }[] = [];
	const upcoming: S3Behaviour[] = [];

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const method = req.method ?? 'GET';
		const body = await readBody(req);
		const path = new URL(req.url ?? '/', 'http://fake').pathname;
		const [, bucket = '', ...rest] = path.split('/');
		const key = rest.map(decodeURIComponent).join('/');
		requests.push({ method, key });
		const error = (status: number, code: string, message: string) => {
			res.writeHead(status, { 'content-type': 'application/xml' });
			// A HEAD answer has no body: the SDK reads the status alone.
			res.end(
				method === 'HEAD'
					? undefined
					: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code>` +
							`<Message>${message}</Message><Key>${key}</Key><RequestId>fake</RequestId></Error>`
			);
		};

		const auth = req.headers.authorization ?? '';
		if (!auth.startsWith('AWS4-HMAC-SHA256 ') || !auth.includes(`Credential=${o.accessKeyId}/`))
			return error(403, 'AccessDenied', 'Access Denied');
		if (bucket !== o.bucket)
			return error(404, 'NoSuchBucket', 'The specified bucket does not exist');
		if (!key) return error(400, 'InvalidRequest', 'This fake serves objects only');
		const behaviour = upcoming.shift();
		if (behaviour) return error(behaviour.status, behaviour.code, behaviour.message);

		if (method === 'PUT') {
			if (req.headers['content-encoding']?.includes('aws-chunked'))
				return error(501, 'NotImplemented', 'This fake takes plain bodies only');
			const etag = `"${createHash('md5').update(body).digest('hex')}"`;
			objects.set(key, {
				body,
				contentType: req.headers['content-type'] ?? 'binary/octet-stream',
				etag,
				lastModified: new Date()
			});
			res.writeHead(200, { etag });
			return res.end();
		}
		if (method === 'GET' || method === 'HEAD') {
			const object = objects.get(key);
			if (!object) return error(404, 'NoSuchKey', 'The specified key does not exist.');
			res.writeHead(200, {
				'content-type': object.contentType,
				'content-length': String(object.body.length),
				etag: object.etag,
				'last-modified': object.lastModified.toUTCString()
			});
			return res.end(method === 'GET' ? object.body : undefined);
		}
		if (method === 'DELETE') {
			// As S3 does: 204 whether or not the key was there.
			objects.delete(key);
			res.writeHead(204);
			return res.end();
		}
		return error(405, 'MethodNotAllowed', 'The specified method is not allowed');
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((e: unknown) => {
			res.writeHead(500, { 'content-type': 'application/xml' });
			res.end(`<Error><Code>InternalError</Code><Message>${String(e)}</Message></Error>`);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		objects,
		requests,
		/** Queues failures for the next requests, in order; then it answers normally again. */
		next(...behaviours: S3Behaviour[]) {
			upcoming.push(...behaviours);
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

export type FakeS3 = Awaited<ReturnType<typeof startFakeS3>>;

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}
