import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ensureTestCa } from '../support/test-ca.ts';

// A small stand-in for the Microsoft identity platform and the Microsoft Graph calendar paths that
// server/calendar/outlook-driver.ts uses, driven by the real @azure/msal-node and
// @microsoft/microsoft-graph-client. One HTTPS server (MSAL refuses an identity endpoint that is
// not https) with a certificate from the test CA (tests/support/test-ca.ts): the process making
// the calls must have been started with NODE_EXTRA_CA_CERTS pointing at that CA.
//
//   identity:  /{tenant}/v2.0/.well-known/openid-configuration, /{tenant}/oauth2/v2.0/authorize
//              (signs the chosen user in and redirects at once, so a browser can click through),
//              /{tenant}/oauth2/v2.0/token (authorization_code and refresh_token grants; refresh
//              tokens rotate; a revoked grant answers invalid_grant as Microsoft does)
//   Graph:     /v1.0/me, /v1.0/me/calendars, events create (honouring transactionId) / update /
//              delete, /v1.0/me/calendars/{id}/calendarView/delta with skip and delta tokens (410
//              SyncStateNotFound once expired)
//
// Times are kept as epoch ms; Graph's dateTimeTimeZone is accepted and answered in UTC only.

export type ShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';

/** An event as the fake holds it. */
export type FakeOutlookEvent = {
	id: string;
	calendarId: string;
	subject: string;
	body: string;
	location: string;
	start: number;
	end: number;
	showAs: ShowAs;
	isCancelled: boolean;
	transactionId: string | null;
	/** singleValueExtendedProperties by id. */
	extendedProperties: Record<string, string>;
};

export type FakeCalendar = {
	id: string;
	name: string;
	canEdit: boolean;
	isDefaultCalendar: boolean;
};

type StoredEvent = FakeOutlookEvent & { changed: number; deleted: boolean };

type User = {
	id: string;
	email: string;
	displayName: string;
	calendars: FakeCalendar[];
	events: Map<string, StoredEvent>;
	/** Bumped by revoke(): tokens issued under an older generation stop working. */
	generation: number;
};

type Grant = { userId: string; generation: number; scope: string; expiresAt: number };

type DeltaState = {
	userId: string;
	calendarId: string;
	from: number;
	to: number;
	seq: number;
	epoch: number;
};

type Answer = { status: number; headers?: Record<string, string>; body?: unknown };

export type FakeMicrosoftOptions = {
	/** Delta pages hold at most this many events unless `Prefer: odata.maxpagesize` says fewer. */
	pageSize?: number;
	/**
	 * What a create repeating a live event's transactionId gets: that event (201, as the fake
	 * does by default), or a 409 — Graph's documentation does not say which, so the driver must
	 * cope with both.
	 */
	duplicateTransaction?: 'existing' | 'conflict';
	/** Access token lifetime in seconds (expires_in). */
	accessTokenSeconds?: number;
};

const TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

export async function startFakeMicrosoft(options: FakeMicrosoftOptions = {}) {
	const clientId = randomUUID();
	const clientSecret = `secret~${randomBytes(12).toString('base64url')}`;
	const users = new Map<string, User>();
	const codes = new Map<
		string,
		{ userId: string; redirectUri: string; scope: string; used: boolean }
	>();
	const refreshTokens = new Map<string, Grant>();
	const accessTokens = new Map<string, Grant>();
	const deltaTokens = new Map<string, DeltaState>();
	type SkipPage = { items: unknown[]; next: string | null; deltaToken: string; epoch: number };
	const skipTokens = new Map<string, SkipPage>();
	const requests: { method: string; path: string; at: number }[] = [];
	let seq = 0;
	let epoch = 0;
	let latencyMs = 0;
	let signInAs: string | null = null;
	const drops: { method: string; pathIncludes: string }[] = [];
	const failures: { method: string; pathIncludes: string; status: number }[] = [];

	const { cert, key } = ensureTestCa();
	const server = createServer({ cert, key }, (req, res) => {
		handle(req, res).catch((error) => {
			res.writeHead(500, { 'content-type': 'text/plain' });
			res.end(String(error?.stack ?? error));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const graphRoot = `${origin}/v1.0`;

	function addUser(email: string, displayName = email.split('@')[0]): User {
		const existing = findUser(email);
		if (existing) return existing;
		const user: User = {
			id: randomUUID(),
			email,
			displayName,
			calendars: [
				{
					id: `cal-${randomBytes(6).toString('hex')}`,
					name: 'Calendar',
					canEdit: true,
					isDefaultCalendar: true
				},
				{
					id: `cal-${randomBytes(6).toString('hex')}`,
					name: 'Work',
					canEdit: true,
					isDefaultCalendar: false
				},
				{
					id: `cal-${randomBytes(6).toString('hex')}`,
					name: 'Birthdays',
					canEdit: false,
					isDefaultCalendar: false
				}
			],
			events: new Map(),
			generation: 0
		};
		users.set(user.id, user);
		return user;
	}

	function findUser(email: string): User | undefined {
		return [...users.values()].find((u) => u.email.toLowerCase() === email.toLowerCase());
	}

	function userOf(account: string): User {
		const user = findUser(account);
		if (!user) throw new Error(`The fake Microsoft has no user ${account}`);
		return user;
	}

	function calendarOf(user: User, calendarId?: string): FakeCalendar {
		const calendar = calendarId
			? user.calendars.find((c) => c.id === calendarId)
			: user.calendars.find((c) => c.isDefaultCalendar);
		if (!calendar) throw new Error(`${user.email} has no calendar ${calendarId}`);
		return calendar;
	}

	const defaultUser = addUser('sam.cleaner@outlook.test', 'Sam Cleaner');

	// ——— identity ———

	function idToken(user: User, audience: string) {
		const now = Math.floor(Date.now() / 1000);
		const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
		return [
			part({ typ: 'JWT', alg: 'RS256', kid: 'fake-key' }),
			part({
				aud: audience,
				iss: `${origin}/${TENANT_ID}/v2.0`,
				iat: now,
				nbf: now,
				exp: now + 3600,
				name: user.displayName,
				oid: user.id,
				preferred_username: user.email,
				sub: user.id,
				tid: TENANT_ID,
				ver: '2.0'
			}),
			randomBytes(32).toString('base64url')
		].join('.');
	}

	function tokenError(status: number, error: string, code: number, description: string): Answer {
		return {
			status,
			body: {
				error,
				error_description: `AADSTS${code}: ${description}`,
				error_codes: [code],
				timestamp: new Date().toISOString(),
				trace_id: randomUUID(),
				correlation_id: randomUUID()
			}
		};
	}

	function issueTokens(user: User, scope: string): Answer {
		const lifetime = options.accessTokenSeconds ?? 3600;
		const grant = (seconds: number): Grant => ({
			userId: user.id,
			generation: user.generation,
			scope,
			expiresAt: Date.now() + seconds * 1000
		});
		const accessToken = `at.${randomBytes(18).toString('base64url')}`;
		accessTokens.set(accessToken, grant(lifetime));
		const body: Record<string, unknown> = {
			token_type: 'Bearer',
			scope: scope
				.split(' ')
				.filter((s) => s && !['openid', 'profile', 'offline_access'].includes(s))
				.map((s) => (s.includes('://') ? s : `https://graph.microsoft.com/${s}`))
				.join(' '),
			expires_in: lifetime,
			ext_expires_in: lifetime,
			access_token: accessToken,
			id_token: idToken(user, clientId),
			client_info: Buffer.from(JSON.stringify({ uid: user.id, utid: TENANT_ID })).toString(
				'base64url'
			)
		};
		if (scope.split(' ').includes('offline_access')) {
			const refreshToken = `rt.${randomBytes(24).toString('base64url')}`;
			refreshTokens.set(refreshToken, grant(90 * 24 * 3600));
			body.refresh_token = refreshToken;
		}
		return { status: 200, body };
	}

	function token(form: URLSearchParams): Answer {
		if (form.get('client_id') !== clientId) {
			return tokenError(
				400,
				'unauthorized_client',
				700016,
				`Application '${form.get('client_id')}' was not found`
			);
		}
		if (form.get('client_secret') !== clientSecret) {
			return tokenError(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
		}
		const grantType = form.get('grant_type');
		if (grantType === 'authorization_code') {
			const code = codes.get(form.get('code') ?? '');
			if (!code || code.used) {
				return tokenError(
					400,
					'invalid_grant',
					54005,
					'OAuth2 Authorization code was already redeemed or is unknown.'
				);
			}
			code.used = true;
			if (code.redirectUri !== form.get('redirect_uri')) {
				return tokenError(
					400,
					'invalid_grant',
					50148,
					'The redirect_uri does not match the one in the authorization request.'
				);
			}
			return issueTokens(users.get(code.userId)!, form.get('scope') || code.scope);
		}
		if (grantType === 'refresh_token') {
			const grant = refreshTokens.get(form.get('refresh_token') ?? '');
			const user = grant && users.get(grant.userId);
			if (!grant || !user || grant.expiresAt < Date.now()) {
				return tokenError(
					400,
					'invalid_grant',
					700082,
					'The refresh token has expired or is invalid.'
				);
			}
			if (grant.generation !== user.generation) {
				return tokenError(
					400,
					'invalid_grant',
					50173,
					'The provided grant has expired due to it being revoked, a fresh auth token is needed.'
				);
			}
			return issueTokens(user, form.get('scope') || grant.scope);
		}
		return tokenError(
			400,
			'unsupported_grant_type',
			70003,
			`The grant type ${grantType} is not supported.`
		);
	}

	function authorize(url: URL, res: ServerResponse) {
		const q = url.searchParams;
		const redirectUri = q.get('redirect_uri');
		if (q.get('client_id') !== clientId || !redirectUri || q.get('response_type') !== 'code') {
			res.writeHead(400, { 'content-type': 'text/plain' });
			return res.end('AADSTS900144: client_id, redirect_uri and response_type=code are required');
		}
		const hinted = q.get('login_hint') ? findUser(q.get('login_hint')!) : undefined;
		const user = hinted ?? (signInAs ? userOf(signInAs) : defaultUser);
		const code = `code.${randomBytes(18).toString('base64url')}`;
		codes.set(code, { userId: user.id, redirectUri, scope: q.get('scope') ?? '', used: false });
		const back = new URL(redirectUri);
		back.searchParams.set('code', code);
		if (q.get('state') !== null) back.searchParams.set('state', q.get('state')!);
		back.searchParams.set('session_state', randomUUID());
		res.writeHead(302, { location: back.toString() });
		res.end();
	}

	function openidConfiguration(tenant: string): Answer {
		return {
			status: 200,
			body: {
				issuer: `${origin}/${TENANT_ID}/v2.0`,
				authorization_endpoint: `${origin}/${tenant}/oauth2/v2.0/authorize`,
				token_endpoint: `${origin}/${tenant}/oauth2/v2.0/token`,
				end_session_endpoint: `${origin}/${tenant}/oauth2/v2.0/logout`,
				jwks_uri: `${origin}/${tenant}/discovery/v2.0/keys`,
				response_modes_supported: ['query', 'fragment', 'form_post'],
				response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
				scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
				subject_types_supported: ['pairwise'],
				id_token_signing_alg_values_supported: ['RS256'],
				token_endpoint_auth_methods_supported: [
					'client_secret_post',
					'private_key_jwt',
					'client_secret_basic'
				],
				tenant_region_scope: null,
				cloud_instance_name: 'microsoftonline.com'
			}
		};
	}

	// ——— Graph ———

	const graphError = (status: number, code: string, message: string): Answer => ({
		status,
		body: {
			error: {
				code,
				message,
				innerError: { 'request-id': randomUUID(), date: new Date().toISOString() }
			}
		}
	});

	function graphDate(ms: number) {
		return { dateTime: new Date(ms).toISOString().slice(0, 19) + '.0000000', timeZone: 'UTC' };
	}

	function parseDate(value: unknown, field: string): number | string {
		const v = value as { dateTime?: unknown; timeZone?: unknown } | undefined;
		if (!v || typeof v.dateTime !== 'string') return `${field}.dateTime is required`;
		if (v.timeZone !== 'UTC') return `${field}.timeZone: this fake understands only 'UTC'`;
		const ms = Date.parse(v.dateTime.replace(/Z$/, '') + 'Z');
		return Number.isNaN(ms) ? `${field}.dateTime '${v.dateTime}' is not a date` : ms;
	}

	function eventJson(e: StoredEvent) {
		return {
			'@odata.etag': `W/"${e.changed}"`,
			id: e.id,
			changeKey: String(e.changed),
			transactionId: e.transactionId,
			subject: e.subject,
			bodyPreview: e.body.slice(0, 255),
			body: { contentType: 'text', content: e.body },
			start: graphDate(e.start),
			end: graphDate(e.end),
			location: { displayName: e.location },
			showAs: e.showAs,
			isCancelled: e.isCancelled,
			isAllDay: false,
			type: 'singleInstance'
		};
	}

	/** Applies a create or update body to `event`; returns a problem, or null. */
	function applyBody(event: StoredEvent, body: Record<string, unknown>): string | null {
		if ('subject' in body) {
			if (typeof body.subject !== 'string') return 'subject must be a string';
			event.subject = body.subject;
		}
		if ('body' in body) {
			const content = (body.body as { content?: unknown } | null)?.content;
			if (typeof content !== 'string') return 'body.content must be a string';
			event.body = content;
		}
		if ('location' in body) {
			const name = (body.location as { displayName?: unknown } | null)?.displayName;
			if (typeof name !== 'string') return 'location.displayName must be a string';
			event.location = name;
		}
		for (const field of ['start', 'end'] as const) {
			if (!(field in body)) continue;
			const parsed = parseDate(body[field], field);
			if (typeof parsed === 'string') return parsed;
			event[field] = parsed;
		}
		if ('showAs' in body) event.showAs = body.showAs as ShowAs;
		if ('singleValueExtendedProperties' in body) {
			const props = body.singleValueExtendedProperties as { id?: unknown; value?: unknown }[];
			if (!Array.isArray(props)) return 'singleValueExtendedProperties must be an array';
			for (const p of props) {
				if (typeof p.id !== 'string' || typeof p.value !== 'string') {
					return 'singleValueExtendedProperties need an id and a value';
				}
				event.extendedProperties[p.id] = p.value;
			}
		}
		if (!(event.end > event.start)) return 'The end must be after the start';
		return null;
	}

	function touch(event: StoredEvent) {
		event.changed = ++seq;
	}

	function createEvent(user: User, calendar: FakeCalendar, body: Record<string, unknown>): Answer {
		const transactionId = typeof body.transactionId === 'string' ? body.transactionId : null;
		if (transactionId) {
			// Graph's guard against a client's retried POST: the event made the first time.
			const same = [...user.events.values()].find(
				(e) => !e.deleted && e.transactionId === transactionId
			);
			if (same && options.duplicateTransaction === 'conflict') {
				return graphError(
					409,
					'ErrorDuplicateTransactionId',
					'An event with this transactionId exists.'
				);
			}
			if (same) return { status: 201, body: eventJson(same) };
		}
		const event: StoredEvent = {
			id: `AAMk${randomBytes(24).toString('base64url')}`,
			calendarId: calendar.id,
			subject: '',
			body: '',
			location: '',
			start: 0,
			end: 0,
			showAs: 'busy',
			isCancelled: false,
			transactionId,
			extendedProperties: {},
			changed: 0,
			deleted: false
		};
		if (!('start' in body) || !('end' in body)) {
			return graphError(400, 'ErrorInvalidRequest', 'start and end are required');
		}
		const problem = applyBody(event, body);
		if (problem) return graphError(400, 'ErrorInvalidRequest', problem);
		touch(event);
		user.events.set(event.id, event);
		return { status: 201, body: eventJson(event) };
	}

	function overlaps(e: StoredEvent, from: number, to: number) {
		return e.start < to && e.end > from;
	}

	function deltaPages(
		user: User,
		state: DeltaState,
		since: number | null,
		maxPageSize: number | null
	): Answer {
		const items: unknown[] = [];
		for (const e of user.events.values()) {
			if (e.calendarId !== state.calendarId) continue;
			const inView = !e.deleted && overlaps(e, state.from, state.to);
			if (since === null) {
				if (inView) items.push(eventJson(e));
			} else if (e.changed > since) {
				items.push(
					inView
						? eventJson(e)
						: { id: e.id, '@removed': { reason: e.deleted ? 'deleted' : 'changed' } }
				);
			}
		}
		const deltaToken = randomBytes(18).toString('base64url');
		deltaTokens.set(deltaToken, { ...state, seq, epoch });
		const base = `${graphRoot}/me/calendars/${state.calendarId}/calendarView/delta`;
		const size = Math.min(options.pageSize ?? 10, maxPageSize ?? Infinity);
		// Pages are cut now; each skip token holds the rest, as a snapshot.
		const pages: unknown[][] = [];
		for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
		if (pages.length === 0) pages.push([]);
		let next: string | null = null;
		for (let i = pages.length - 1; i >= 1; i--) {
			const skip = randomBytes(18).toString('base64url');
			skipTokens.set(skip, { items: pages[i], next, deltaToken, epoch });
			next = skip;
		}
		return pageAnswer(pages[0], next, base, deltaToken);
	}

	function pageAnswer(
		items: unknown[],
		next: string | null,
		base: string,
		deltaToken: string
	): Answer {
		return {
			status: 200,
			body: {
				'@odata.context': `${graphRoot}/$metadata#Collection(event)`,
				value: items,
				...(next
					? { '@odata.nextLink': `${base}?$skiptoken=${next}` }
					: { '@odata.deltaLink': `${base}?$deltatoken=${deltaToken}` })
			}
		};
	}

	function delta(
		user: User,
		calendarId: string,
		q: URLSearchParams,
		maxPageSize: number | null
	): Answer {
		const calendar = user.calendars.find((c) => c.id === calendarId);
		if (!calendar)
			return graphError(
				404,
				'ErrorItemNotFound',
				'The specified object was not found in the store.'
			);
		const stale = () =>
			graphError(
				410,
				'SyncStateNotFound',
				'The sync state generation is not found. Please do a full sync.'
			);
		const skip = q.get('$skiptoken');
		if (skip) {
			const page = skipTokens.get(skip);
			if (!page || page.epoch !== epoch) return stale();
			// The delta token was made when the round began (later changes come in the next round).
			const base = `${graphRoot}/me/calendars/${calendarId}/calendarView/delta`;
			return pageAnswer(page.items, page.next, base, page.deltaToken);
		}
		const token = q.get('$deltatoken');
		if (token) {
			const state = deltaTokens.get(token);
			if (
				!state ||
				state.epoch !== epoch ||
				state.userId !== user.id ||
				state.calendarId !== calendarId
			) {
				return stale();
			}
			return deltaPages(user, state, state.seq, maxPageSize);
		}
		const from = Date.parse(q.get('startDateTime') ?? '');
		const to = Date.parse(q.get('endDateTime') ?? '');
		if (Number.isNaN(from) || Number.isNaN(to)) {
			return graphError(400, 'ErrorInvalidParameter', 'startDateTime and endDateTime are required');
		}
		const state = { userId: user.id, calendarId, from, to, seq, epoch };
		return deltaPages(user, state, null, maxPageSize);
	}

	function graph(
		user: User,
		method: string,
		path: string,
		q: URLSearchParams,
		body: Record<string, unknown>,
		prefer: string
	): Answer {
		const notFound = () =>
			graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
		if (method === 'GET' && path === '/me') {
			return {
				status: 200,
				body: {
					id: user.id,
					displayName: user.displayName,
					mail: user.email,
					userPrincipalName: user.email
				}
			};
		}
		if (method === 'GET' && path === '/me/calendars') {
			return {
				status: 200,
				body: {
					value: user.calendars.map((c) => ({
						...c,
						owner: { name: user.displayName, address: user.email }
					}))
				}
			};
		}
		let m = /^\/me\/calendars\/([^/]+)\/calendarView\/delta$/.exec(path);
		if (m && method === 'GET') {
			const size = /odata\.maxpagesize=(\d+)/.exec(prefer)?.[1];
			return delta(user, decodeURIComponent(m[1]), q, size ? Number(size) : null);
		}
		m = /^\/me\/calendars\/([^/]+)\/events$/.exec(path);
		if (m && method === 'GET') {
			const calendarId = decodeURIComponent(m[1]);
			if (!user.calendars.some((c) => c.id === calendarId)) return notFound();
			let found = [...user.events.values()].filter(
				(e) => !e.deleted && e.calendarId === calendarId
			);
			const filter = q.get('$filter');
			if (filter) {
				// Only the filter the driver uses: events carrying an extended property value.
				const f =
					/^singleValueExtendedProperties\/Any\(ep: ep\/id eq '(.+?)' and ep\/value eq '((?:[^']|'')*)'\)$/.exec(
						filter
					);
				if (!f)
					return graphError(400, 'BadRequest', `The fake does not understand $filter=${filter}`);
				const value = f[2].replace(/''/g, "'");
				found = found.filter((e) => e.extendedProperties[f[1]] === value);
			}
			const top = Number(q.get('$top') ?? 10);
			return { status: 200, body: { value: found.slice(0, top).map(eventJson) } };
		}
		if (m && method === 'POST') {
			const calendar = user.calendars.find((c) => c.id === decodeURIComponent(m![1]));
			if (!calendar) return notFound();
			if (!calendar.canEdit) return graphError(403, 'ErrorAccessDenied', 'Access is denied.');
			return createEvent(user, calendar, body);
		}
		m = /^\/me(?:\/calendars\/([^/]+))?\/events\/([^/]+)$/.exec(path);
		if (m) {
			const event = user.events.get(decodeURIComponent(m[2]));
			const calendarId = m[1] && decodeURIComponent(m[1]);
			if (!event || event.deleted || (calendarId && event.calendarId !== calendarId))
				return notFound();
			if (method === 'GET') return { status: 200, body: eventJson(event) };
			if (method === 'PATCH') {
				const draft = { ...event, extendedProperties: { ...event.extendedProperties } };
				const problem = applyBody(draft, body);
				if (problem) return graphError(400, 'ErrorInvalidRequest', problem);
				Object.assign(event, draft);
				touch(event);
				return { status: 200, body: eventJson(event) };
			}
			if (method === 'DELETE') {
				event.deleted = true;
				touch(event);
				return { status: 204 };
			}
		}
		return graphError(400, 'BadRequest', `Resource not found for the segment '${path}'.`);
	}

	function graphUser(req: IncomingMessage): User | Answer {
		const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
		const grant = bearer ? accessTokens.get(bearer) : undefined;
		const user = grant && users.get(grant.userId);
		if (!grant || !user || grant.expiresAt < Date.now() || grant.generation !== user.generation) {
			return graphError(
				401,
				'InvalidAuthenticationToken',
				'Access token has expired or is not yet valid.'
			);
		}
		return user;
	}

	// ——— HTTP ———

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const text = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url ?? '/', origin);
		const method = req.method ?? 'GET';
		requests.push({ method, path: url.pathname + url.search, at: Date.now() });
		if (latencyMs) await new Promise((r) => setTimeout(r, latencyMs));

		let answer: Answer;
		const failure = failures.findIndex(
			(f) => f.method === method && url.pathname.includes(f.pathIncludes)
		);
		if (failure >= 0) {
			const [{ status }] = failures.splice(failure, 1);
			res.writeHead(status, { 'content-type': 'application/json' });
			const graphPath = url.pathname.startsWith('/v1.0/');
			return res.end(
				JSON.stringify(
					graphPath
						? { error: { code: 'ServiceUnavailable', message: 'Try again later' } }
						: {
								error: 'temporarily_unavailable',
								error_description: 'AADSTS90033: Try again later'
							}
				)
			);
		}
		const segments = url.pathname.split('/').filter(Boolean);
		if (url.pathname.startsWith('/v1.0/')) {
			const who = graphUser(req);
			if ('status' in who) answer = who;
			else {
				let body: Record<string, unknown> = {};
				if (text) {
					try {
						body = JSON.parse(text);
					} catch {
						body = {};
					}
				}
				const path = url.pathname.slice('/v1.0'.length);
				const prefer = String(req.headers.prefer ?? '');
				answer = graph(who, method, path, url.searchParams, body, prefer);
			}
		} else if (
			method === 'GET' &&
			url.pathname.endsWith('/v2.0/.well-known/openid-configuration')
		) {
			answer = openidConfiguration(segments[0]);
		} else if (method === 'GET' && segments[1] === 'discovery' && segments.at(-1) === 'keys') {
			answer = { status: 200, body: { keys: [] } };
		} else if (method === 'GET' && url.pathname.endsWith('/oauth2/v2.0/authorize')) {
			return authorize(url, res);
		} else if (method === 'POST' && url.pathname.endsWith('/oauth2/v2.0/token')) {
			answer = token(new URLSearchParams(text));
		} else {
			answer = { status: 404, body: { error: 'not_found', path: url.pathname } };
		}

		const drop = drops.findIndex(
			(d) => d.method === method && url.pathname.includes(d.pathIncludes)
		);
		if (drop >= 0) {
			// Done, but the caller never hears: the connection breaks before the answer.
			drops.splice(drop, 1);
			req.socket.destroy();
			return;
		}
		res.writeHead(answer.status, {
			...(answer.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
			...answer.headers
		});
		res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
	}

	function live(user: User, id: string): StoredEvent {
		const event = user.events.get(id);
		if (!event || event.deleted) throw new Error(`${user.email} has no event ${id}`);
		return event;
	}

	const strip = ({ changed: _c, deleted: _d, ...event }: StoredEvent): FakeOutlookEvent => ({
		...event,
		extendedProperties: { ...event.extendedProperties }
	});

	return {
		/** https://127.0.0.1:port */
		origin,
		/** The authority for MSAL (OUTLOOK_AUTHORITY). */
		authority: `${origin}/common`,
		/** Graph's root (MICROSOFT_GRAPH_ROOT). */
		graphRoot,
		clientId,
		clientSecret,
		/** Every request, in order (path with its query). */
		requests,
		/** The user /authorize signs in unless told otherwise. */
		defaultAccount: defaultUser.email,
		/** Adds a Microsoft account (calendars: Calendar (default), Work, Birthdays (read-only)). */
		addUser: (email: string, displayName?: string) => addUser(email, displayName).email,
		/** Who /authorize signs in next (a `login_hint` naming a known user wins). */
		signInAs(email: string) {
			userOf(email);
			signInAs = email;
		},
		calendars: (account: string): FakeCalendar[] =>
			userOf(account).calendars.map((c) => ({ ...c })),
		/** The account's default calendar's id. */
		primaryCalendarId: (account: string) => calendarOf(userOf(account)).id,
		/** Live events of a calendar (the default one unless named). */
		events(account: string, calendarId?: string): FakeOutlookEvent[] {
			const user = userOf(account);
			const calendar = calendarOf(user, calendarId);
			return [...user.events.values()]
				.filter((e) => !e.deleted && e.calendarId === calendar.id)
				.map(strip);
		},
		/** A personal event the user made in Outlook; returns its id. */
		addPersonalEvent(
			account: string,
			event: { start: number; end: number; subject?: string; showAs?: ShowAs; calendarId?: string }
		): string {
			const user = userOf(account);
			const stored: StoredEvent = {
				id: `AAMk${randomBytes(24).toString('base64url')}`,
				calendarId: calendarOf(user, event.calendarId).id,
				subject: event.subject ?? 'Personal',
				body: '',
				location: '',
				start: event.start,
				end: event.end,
				showAs: event.showAs ?? 'busy',
				isCancelled: false,
				transactionId: null,
				extendedProperties: {},
				changed: 0,
				deleted: false
			};
			touch(stored);
			user.events.set(stored.id, stored);
			return stored.id;
		},
		/** The user changes an event: new times, free/busy, or cancels it (a meeting they were invited to). */
		updateEvent(
			account: string,
			id: string,
			change: Partial<
				Pick<FakeOutlookEvent, 'start' | 'end' | 'showAs' | 'isCancelled' | 'subject'>
			>
		) {
			const event = live(userOf(account), id);
			Object.assign(event, change);
			touch(event);
		},
		/** The user deletes an event (any event, ours included). */
		deleteEvent(account: string, id: string) {
			const event = live(userOf(account), id);
			event.deleted = true;
			touch(event);
		},
		/** The user withdraws consent: every token issued so far stops working (invalid_grant). */
		revoke(account: string) {
			userOf(account).generation++;
		},
		/** Access tokens stop working before their expiry (Graph answers 401). */
		expireAccessTokens() {
			for (const grant of accessTokens.values()) grant.expiresAt = 0;
		},
		/** Every delta and skip token so far becomes unknown: the next incremental pull gets 410. */
		expireDeltaTokens() {
			epoch++;
		},
		/** Handles the next matching request but breaks the connection instead of answering. */
		dropNextAnswer(method: string, pathIncludes: string) {
			drops.push({ method, pathIncludes });
		},
		/** The next matching request is not handled: it gets this error status (a 5xx, say). */
		failNextAnswer(method: string, pathIncludes: string, status: number) {
			failures.push({ method, pathIncludes, status });
		},
		/** Delay before every answer. */
		setLatency(ms: number) {
			latencyMs = ms;
		},
		/** How many refresh tokens the fake has issued (each refresh rotates). */
		issuedRefreshTokens: () => refreshTokens.size,
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

export type FakeMicrosoft = Awaited<ReturnType<typeof startFakeMicrosoft>>;
