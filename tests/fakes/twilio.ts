import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A small stand-in for Twilio's Messages API (2010-04-01), enough for the `twilio` SDK as
// server/notifications drives it: HTTP basic auth with the account SID and auth token, the form
// body the SDK sends, the message resource back (201), and Twilio's error shape with its error
// codes (21211 for a number it cannot text). Tests point the SDK at it with TWILIO_API_BASE and
// can make the next answers fail, or take a message and then drop the connection before answering.

/** A text the fake accepted. */
export type FakeText = { sid: string; to: string; from: string | null; body: string };

export type TwilioBehaviour =
	{ status: number; code: number; message: string } | 'accept-then-drop';

export async function startFakeTwilio(account: { sid: string; token: string }) {
	const accepted: FakeText[] = [];
	const requests: { method: string; path: string }[] = [];
	const upcoming: TwilioBehaviour[] = [];
	const messagesPath = `/2010-04-01/Accounts/${account.sid}/Messages.json`;

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const text = await readBody(req);
		const method = req.method ?? 'GET';
		const path = new URL(req.url ?? '/', 'http://fake').pathname;
		requests.push({ method, path });
		const answer = (status: number, body: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		const error = (status: number, code: number, message: string) =>
			answer(status, {
				code,
				message,
				more_info: `https://www.twilio.com/docs/errors/${code}`,
				status
			});

		const basic = `Basic ${Buffer.from(`${account.sid}:${account.token}`).toString('base64')}`;
		if (req.headers.authorization !== basic) return error(401, 20003, 'Authenticate');
		if (method !== 'POST' || path !== messagesPath) {
			return error(404, 20404, `The requested resource ${path} was not found`);
		}
		const behaviour = upcoming.shift();
		if (behaviour && behaviour !== 'accept-then-drop') {
			return error(behaviour.status, behaviour.code, behaviour.message);
		}
		const form = new URLSearchParams(text);
		const to = form.get('To') ?? '';
		const from = form.get('From');
		const body = form.get('Body') ?? '';
		if (!from && !form.get('MessagingServiceSid')) {
			return error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required");
		}
		if (!/^\+[1-9]\d{7,14}$/.test(to)) {
			return error(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
		}
		if (!body) return error(400, 21602, 'Message body is required.');
		const sid = `SM${randomBytes(16).toString('hex')}`;
		accepted.push({ sid, to, from, body });
		if (behaviour === 'accept-then-drop') {
			req.socket.destroy();
			return;
		}
		const now = new Date().toUTCString();
		answer(201, {
			sid,
			account_sid: account.sid,
			to,
			from,
			messaging_service_sid: form.get('MessagingServiceSid'),
			body,
			status: 'queued',
			direction: 'outbound-api',
			num_segments: '1',
			date_created: now,
			date_updated: now,
			date_sent: null,
			error_code: null,
			error_message: null,
			price: null,
			price_unit: 'GBP',
			api_version: '2010-04-01',
			uri: `${messagesPath.replace('.json', '')}/${sid}.json`
		});
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			res.writeHead(500, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ code: 20500, message: String(error), status: 500 }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		accepted,
		requests,
		/** Queues what the fake does with the next requests, in order; then it accepts again. */
		next(...behaviours: TwilioBehaviour[]) {
			upcoming.push(...behaviours);
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

export type FakeTwilio = Awaited<ReturnType<typeof startFakeTwilio>>;

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}
