import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A small stand-in for SendGrid's v3 Mail Send API, enough for `@sendgrid/mail` as
// server/notifications drives it: bearer API key, the JSON body the SDK builds, 202 with an
// X-Message-Id, and SendGrid's error shape. Tests point the SDK at it with SENDGRID_API_BASE and
// can make the next answers fail, or take a message and then drop the connection before answering
// (the provider has it; the sender never learns).

/** A message the fake accepted, as the SDK sent it. */
export type FakeEmail = {
	id: string;
	to: string[];
	from: string;
	subject: string;
	text: string | null;
	html: string | null;
	customArgs: Record<string, string>;
};

/** What the fake does with the next request: answer with an error, or accept and hang up. */
export type SendGridBehaviour = { status: number; message: string } | 'accept-then-drop';

type MailBody = {
	personalizations?: { to?: { email: string }[] }[];
	from?: { email: string; name?: string };
	subject?: string;
	content?: { type: string; value: string }[];
	custom_args?: Record<string, string>;
};

export async function startFakeSendGrid() {
	const accepted: FakeEmail[] = [];
	const requests: { path: string; authorization: string | null }[] = [];
	const upcoming: SendGridBehaviour[] = [];

	function check(body: MailBody): string | null {
		const to = body.personalizations?.flatMap((p) => p.to ?? []) ?? [];
		if (to.length === 0) return 'The to array is required for all personalization objects';
		if (!body.from?.email) return 'The from object must be provided for every email request';
		if (!body.subject) return 'The subject is required';
		if (!body.content?.length) return 'Unless a valid template_id is provided, content is required';
		return null;
	}

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const text = await readBody(req);
		const authorization = req.headers.authorization ?? null;
		requests.push({ path: req.url ?? '', authorization });
		const answer = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
			res.writeHead(status, { 'content-type': 'application/json', ...headers });
			res.end(body === undefined ? '' : JSON.stringify(body));
		};
		const errors = (status: number, message: string) =>
			answer(status, { errors: [{ message, field: null, help: null }] });

		if (req.method !== 'POST' || req.url !== '/v3/mail/send') return errors(404, 'Not found');
		if (!/^Bearer SG\.[\w.-]+$/.test(authorization ?? '')) {
			return errors(401, 'The provided authorization grant is invalid, expired, or revoked');
		}
		const behaviour = upcoming.shift();
		if (behaviour && behaviour !== 'accept-then-drop') {
			return errors(behaviour.status, behaviour.message);
		}
		const body = JSON.parse(text) as MailBody;
		const problem = check(body);
		if (problem) return errors(400, problem);
		const id = randomBytes(11).toString('base64url');
		const content = (type: string) => body.content?.find((c) => c.type === type)?.value ?? null;
		accepted.push({
			id,
			to: body.personalizations!.flatMap((p) => p.to ?? []).map((t) => t.email),
			from: body.from!.email,
			subject: body.subject!,
			text: content('text/plain'),
			html: content('text/html'),
			customArgs: body.custom_args ?? {}
		});
		if (behaviour === 'accept-then-drop') {
			req.socket.destroy();
			return;
		}
		answer(202, undefined, { 'x-message-id': id });
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			res.writeHead(500, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		accepted,
		requests,
		/** Queues what the fake does with the next requests, in order; then it accepts again. */
		next(...behaviours: SendGridBehaviour[]) {
			upcoming.push(...behaviours);
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

export type FakeSendGrid = Awaited<ReturnType<typeof startFakeSendGrid>>;

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}
