import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { localDayBounds } from '../../sync/domain/local-day.ts';

// A stand-in for Google's OAuth 2 and Calendar API v3, enough for @googleapis/calendar and
// google-auth-library as server/calendar/google-driver.ts drives them. Point the driver at it with
// apiRoot and oauthRoot both set to `url` (GOOGLE_CALENDAR_API_ROOT / GOOGLE_OAUTH_ROOT).
//
// OAuth: the consent page (/o/oauth2/v2/auth) asks nothing: it redirects at once to redirect_uri
// with a one-time `code` and the `state`, so a browser test can click through. The token endpoint
// (/token) swaps codes and refresh tokens, refuses a wrong client secret (invalid_client) and
// answers `invalid_grant` for a used code or a revoked/unknown refresh token, as Google does.
// Access tokens are checked on every API call: unknown or expired → 401, and the SDK refreshes.
//
// Calendar: events live in memory per calendar, each change stamped with a global sequence, so
// sync tokens are "everything after sequence n". Deleted events stay as `cancelled` (their id is
// still taken: inserting it again is 409, like Google), and come back in incremental listings
// with only id and status, as Google sends them. Recurring events are not modelled.

export type FakeCalendarRole = 'owner' | 'writer' | 'reader' | 'freeBusyReader';

export type FakeCalendar = { id: string; summary: string; accessRole: FakeCalendarRole };

type When = { dateTime?: string; date?: string; timeZone?: string };

/** An event as the fake keeps it (and as the API shows it, minus kind/etag). */
export type FakeEvent = {
	id: string;
	status: 'confirmed' | 'tentative' | 'cancelled';
	summary?: string;
	description?: string;
	location?: string;
	start: When;
	end: When;
	transparency?: 'opaque' | 'transparent';
	extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
	created: string;
	updated: string;
	sequence: number;
};

/** A request the fake received (path decoded: /calendar/v3/calendars/a@b.c/events). */
export type FakeCalendarRequest = { method: string; path: string; query: Record<string, string> };

/** Times for a personal event: epoch ms for a timed event, or YYYY-MM-DD dates (end exclusive) for all-day. */
export type FakeEventTimes = { start: number; end: number } | { start: string; end: string };

type Stored = FakeEvent & { calendarId: string; seq: number };
type Grant = { account: string; scope: string; revoked: boolean };
type Listing = { items: Stored[]; syncSeq: number; calendarId: string };
type Failure = { method: string; path?: RegExp; status: number | 'lose' };

const ZONE = 'Europe/London';
const EVENT_ID = /^[a-v0-9]{5,1024}$/;

export async function startFakeGoogleCalendar(options: {
	clientId: string;
	clientSecret: string;
	/** Lifetime of access tokens in seconds (Google: 3599). */
	accessTokenSeconds?: number;
	/** Delay before every answer, in ms. */
	latencyMs?: number;
}) {
	const accounts = new Map<string, FakeCalendar[]>();
	const events = new Map<string, Stored>(); // key: calendarId + '\n' + eventId
	const codes = new Map<
		string,
		Grant & { clientId: string; redirectUri: string; offline: boolean }
	>();
	const refreshTokens = new Map<string, Grant>();
	const accessTokens = new Map<string, Grant & { expiresAt: number }>();
	const syncTokens = new Map<string, { calendarId: string; seq: number }>();
	const pageTokens = new Map<string, Listing>();
	const requests: FakeCalendarRequest[] = [];
	const failures: Failure[] = [];
	let seq = 0;
	let consentAccount = 'cleaner@example.com';
	let consentRefused = false;
	let withheldScopes: string[] = [];
	let accessTokenSeconds = options.accessTokenSeconds ?? 3599;
	let latencyMs = options.latencyMs ?? 0;

	const token = (prefix: string) => prefix + randomBytes(18).toString('base64url');
	const now = () => new Date().toISOString();
	const key = (calendarId: string, eventId: string) => `${calendarId}\n${eventId}`;

	/** The account's calendars, made on first use: its primary one (id = the email) and UK holidays (read only). */
	function account(email: string): FakeCalendar[] {
		let calendars = accounts.get(email);
		if (!calendars) {
			calendars = [
				{ id: email, summary: email, accessRole: 'owner' },
				{
					id: 'en.uk#holiday@group.v.calendar.google.com',
					summary: 'Holidays in United Kingdom',
					accessRole: 'reader'
				}
			];
			accounts.set(email, calendars);
		}
		return calendars;
	}

	function stamp(event: Stored) {
		event.seq = ++seq;
		event.updated = now();
	}

	function store(calendarId: string, body: Partial<FakeEvent>, id: string): Stored {
		const at = now();
		const event: Stored = {
			calendarId,
			id,
			status: body.status ?? 'confirmed',
			...(body.summary !== undefined && { summary: body.summary }),
			...(body.description !== undefined && { description: body.description }),
			...(body.location !== undefined && { location: body.location }),
			start: body.start!,
			end: body.end!,
			...(body.transparency && { transparency: body.transparency }),
			...(body.extendedProperties && { extendedProperties: body.extendedProperties }),
			created: at,
			updated: at,
			sequence: 0,
			seq: 0
		};
		stamp(event);
		events.set(key(calendarId, id), event);
		return event;
	}

	/** The span an event covers in epoch ms (all-day: London midnights). */
	function span(event: Pick<FakeEvent, 'start' | 'end'>) {
		const at = (when: When) =>
			when.dateTime ? Date.parse(when.dateTime) : localDayBounds(when.date!, ZONE).start;
		return { start: at(event.start), end: at(event.end) };
	}

	function shown(event: Stored) {
		const etag = `"${event.seq}"`;
		if (event.status === 'cancelled')
			return { kind: 'calendar#event', etag, id: event.id, status: 'cancelled' };
		return {
			kind: 'calendar#event',
			etag,
			...plain(event),
			htmlLink: `https://calendar.google.com/calendar/event?eid=${event.id}`,
			iCalUID: `${event.id}@google.com`,
			eventType: 'default'
		};
	}

	const apiError = (code: number, message: string, reason: string, status?: string) => ({
		error: {
			code,
			message,
			errors: [
				{
					domain: code === 410 && reason === 'fullSyncRequired' ? 'calendar' : 'global',
					reason,
					message
				}
			],
			...(status && { status })
		}
	});

	function timesOf(times: FakeEventTimes): { start: When; end: When } {
		return typeof times.start === 'number'
			? {
					start: { dateTime: new Date(times.start).toISOString(), timeZone: ZONE },
					end: { dateTime: new Date(times.end as number).toISOString(), timeZone: ZONE }
				}
			: { start: { date: times.start }, end: { date: times.end as string } };
	}

	function existing(calendarId: string, eventId: string): Stored {
		const event = events.get(key(calendarId, eventId));
		if (!event) throw new Error(`No event ${eventId} in ${calendarId}`);
		return event;
	}

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const url = new URL(req.url ?? '/', 'http://fake');
		const path = decodeURIComponent(url.pathname);
		const query = Object.fromEntries(url.searchParams);
		const method = req.method ?? 'GET';
		let text = '';
		for await (const chunk of req) text += chunk;
		requests.push({ method, path, query });
		if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));

		const send = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
			if (json === undefined) {
				res.writeHead(status, headers);
				return res.end();
			}
			res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
			res.end(JSON.stringify(json));
		};

		const failure = failures.findIndex(
			(f) => f.method === method && (!f.path || f.path.test(path))
		);
		let lose = false;
		if (failure >= 0) {
			const [f] = failures.splice(failure, 1);
			if (f!.status === 'lose') lose = true;
			else
				return send(
					f!.status as number,
					apiError(f!.status as number, 'Injected failure', 'backendError')
				);
		}
		// A lost answer: the work is done, then the connection drops before the answer.
		const answer: typeof send = lose ? () => void res.destroy() : send;

		// ---- OAuth ----
		if (method === 'GET' && path === '/o/oauth2/v2/auth') {
			const redirect = query.redirect_uri;
			if (query.client_id !== options.clientId || !redirect) {
				res.writeHead(400, { 'content-type': 'text/plain' });
				return res.end('Error 401: invalid_client (unknown client or missing redirect_uri)');
			}
			const back = new URL(redirect);
			if (consentRefused) {
				back.searchParams.set('error', 'access_denied');
			} else {
				const code = token('4/fake-');
				const email = query.login_hint || consentAccount;
				const scope = (query.scope ?? '')
					.split(' ')
					.filter((s) => s && !withheldScopes.includes(s))
					.join(' ');
				account(email);
				codes.set(code, {
					account: email,
					scope,
					revoked: false,
					clientId: query.client_id,
					redirectUri: redirect,
					offline: query.access_type === 'offline'
				});
				back.searchParams.set('code', code);
				back.searchParams.set('scope', scope);
			}
			if (query.state) back.searchParams.set('state', query.state);
			return answer(302, undefined, { location: back.toString() });
		}

		if (method === 'POST' && path === '/token') {
			const form = new URLSearchParams(text);
			let clientId = form.get('client_id');
			let secret = form.get('client_secret');
			const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
			if (basic) [clientId, secret] = Buffer.from(basic[1]!, 'base64').toString().split(':');
			const oauthError = (status: number, error: string, description: string) =>
				answer(status, { error, error_description: description });
			if (clientId !== options.clientId || secret !== options.clientSecret)
				return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
			const issue = (grant: Grant, refreshToken?: string) => {
				const access = token('ya29.fake-');
				accessTokens.set(access, { ...grant, expiresAt: Date.now() + accessTokenSeconds * 1000 });
				const scopes = grant.scope.split(' ');
				return answer(200, {
					access_token: access,
					expires_in: accessTokenSeconds,
					scope: grant.scope,
					token_type: 'Bearer',
					...(refreshToken && { refresh_token: refreshToken }),
					...(scopes.includes('openid') && { id_token: idToken(grant.account, scopes) })
				});
			};
			const grantType = form.get('grant_type');
			if (grantType === 'authorization_code') {
				const code = codes.get(form.get('code') ?? '');
				if (!code) return oauthError(400, 'invalid_grant', 'Malformed auth code.');
				codes.delete(form.get('code')!);
				if (code.redirectUri !== form.get('redirect_uri'))
					return oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
				const grant: Grant = { account: code.account, scope: code.scope, revoked: false };
				let refresh: string | undefined;
				if (code.offline) {
					refresh = token('1//fake-');
					refreshTokens.set(refresh, grant);
				}
				return issue(grant, refresh);
			}
			if (grantType === 'refresh_token') {
				const grant = refreshTokens.get(form.get('refresh_token') ?? '');
				if (!grant || grant.revoked)
					return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
				return issue(grant);
			}
			return oauthError(400, 'unsupported_grant_type', 'Invalid grant_type');
		}

		if (method === 'POST' && path === '/revoke') {
			const revoked = query.token ?? new URLSearchParams(text).get('token') ?? '';
			const grant = refreshTokens.get(revoked) ?? accessTokens.get(revoked);
			if (!grant)
				return answer(400, {
					error: 'invalid_token',
					error_description: 'Token expired or revoked'
				});
			revokeAccount(grant.account);
			return answer(200, {});
		}

		// ---- Calendar API ----
		if (!path.startsWith('/calendar/v3/')) return send(404, apiError(404, 'Not Found', 'notFound'));
		const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
		const grant = bearer ? accessTokens.get(bearer) : undefined;
		if (!grant || grant.revoked || grant.expiresAt <= Date.now()) {
			return answer(
				401,
				apiError(
					401,
					'Request had invalid authentication credentials.',
					'authError',
					'UNAUTHENTICATED'
				),
				{ 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' }
			);
		}
		const calendars = account(grant.account);
		const granted = grant.scope.split(' ');
		const allowed = (...scopes: string[]) =>
			scopes.some((s) => granted.includes(`https://www.googleapis.com/auth/${s}`));
		const lacking = () =>
			answer(
				403,
				apiError(
					403,
					'Request had insufficient authentication scopes.',
					'insufficientPermissions',
					'PERMISSION_DENIED'
				)
			);

		if (method === 'GET' && path === '/calendar/v3/users/me/calendarList') {
			if (
				!allowed(
					'calendar',
					'calendar.readonly',
					'calendar.calendarlist',
					'calendar.calendarlist.readonly'
				)
			)
				return lacking();
			const ranks: FakeCalendarRole[] = ['freeBusyReader', 'reader', 'writer', 'owner'];
			const min = ranks.indexOf((query.minAccessRole as FakeCalendarRole) ?? 'freeBusyReader');
			const items = calendars
				.filter((c) => ranks.indexOf(c.accessRole) >= Math.max(min, 0))
				.map((c) => ({
					kind: 'calendar#calendarListEntry',
					id: c.id,
					summary: c.summary,
					timeZone: ZONE,
					accessRole: c.accessRole,
					...(c.id === grant.account && { primary: true })
				}));
			return answer(200, { kind: 'calendar#calendarList', items, nextSyncToken: token('list-') });
		}

		const match = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(path);
		if (!match) return send(404, apiError(404, 'Not Found', 'notFound'));
		const calendarId = match[1] === 'primary' ? grant.account : match[1]!;
		const eventId = match[2];
		const calendar = calendars.find((c) => c.id === calendarId);
		if (!calendar) return answer(404, apiError(404, 'Not Found', 'notFound'));
		const writing = method !== 'GET';
		if (
			writing
				? !allowed('calendar', 'calendar.events')
				: !allowed('calendar', 'calendar.readonly', 'calendar.events', 'calendar.events.readonly')
		)
			return lacking();
		if (writing && calendar.accessRole !== 'owner' && calendar.accessRole !== 'writer')
			return answer(
				403,
				apiError(403, 'You need to have writer access to this calendar.', 'requiredAccessLevel')
			);
		let body: Partial<FakeEvent> = {};
		try {
			body = text ? JSON.parse(text) : {};
		} catch {
			return answer(400, apiError(400, 'Parse Error', 'parseError'));
		}
		const found = eventId ? events.get(key(calendarId, eventId)) : undefined;
		const badTimes = (b: Partial<FakeEvent>) =>
			!b.start || !b.end
				? 'Missing time.'
				: !(b.start.dateTime || b.start.date) || !(b.end.dateTime || b.end.date)
					? 'Missing time.'
					: span(b as FakeEvent).end < span(b as FakeEvent).start
						? 'The specified time range is empty.'
						: null;

		if (method === 'POST' && !eventId) {
			const id = body.id ?? randomBase32hex();
			if (!EVENT_ID.test(id))
				return answer(400, apiError(400, 'Invalid resource id value.', 'invalid'));
			if (events.has(key(calendarId, id)))
				return answer(409, apiError(409, 'The requested identifier already exists.', 'duplicate'));
			const bad = badTimes(body);
			if (bad) return answer(400, apiError(400, bad, 'required'));
			return answer(200, shown(store(calendarId, body, id)));
		}

		if (method === 'GET' && !eventId) return list(calendarId, query, answer);

		if (!found) return answer(404, apiError(404, 'Not Found', 'notFound'));

		if (method === 'GET') return answer(200, shown(found));

		if (method === 'DELETE') {
			if (found.status === 'cancelled')
				return answer(410, apiError(410, 'Resource has been deleted', 'deleted'));
			found.status = 'cancelled';
			stamp(found);
			return answer(204);
		}

		if (method === 'PUT' || method === 'PATCH') {
			const merged: Partial<FakeEvent> =
				method === 'PUT' ? { ...body, status: body.status ?? 'confirmed' } : { ...found, ...body };
			const bad = badTimes(merged);
			if (bad) return answer(400, apiError(400, bad, 'required'));
			const { created, sequence } = found;
			const next = store(calendarId, { ...merged, id: found.id }, found.id);
			next.created = created;
			next.sequence = sequence + 1;
			return answer(200, shown(next));
		}

		return answer(405, apiError(405, 'Method Not Allowed', 'methodNotAllowed'));
	}

	function list(
		calendarId: string,
		query: Record<string, string>,
		answer: (status: number, json?: unknown) => void
	) {
		const pageSize = Math.min(Number(query.maxResults ?? 250) || 250, 2500);
		let listing: Listing | undefined;
		if (query.pageToken) {
			listing = pageTokens.get(query.pageToken);
			if (!listing || listing.calendarId !== calendarId)
				return answer(400, apiError(400, 'Invalid page token value.', 'invalid'));
			pageTokens.delete(query.pageToken);
		} else if (query.syncToken) {
			// Google refuses these beside a sync token, so a driver that sends them is caught here.
			for (const p of [
				'timeMin',
				'timeMax',
				'orderBy',
				'q',
				'updatedMin',
				'iCalUID',
				'privateExtendedProperty',
				'sharedExtendedProperty'
			])
				if (query[p] !== undefined)
					return answer(400, apiError(400, `${p} cannot be used with syncToken`, 'invalid'));
			if (query.showDeleted === 'false')
				return answer(400, apiError(400, 'showDeleted cannot be false with syncToken', 'invalid'));
			const since = syncTokens.get(query.syncToken);
			if (!since || since.calendarId !== calendarId)
				return answer(
					410,
					apiError(
						410,
						'Sync token is no longer valid, a full sync is required.',
						'fullSyncRequired'
					)
				);
			listing = {
				calendarId,
				syncSeq: seq,
				items: calendarEvents(calendarId).filter((e) => e.seq > since.seq)
			};
		} else {
			const from = query.timeMin ? Date.parse(query.timeMin) : -Infinity;
			const to = query.timeMax ? Date.parse(query.timeMax) : Infinity;
			listing = {
				calendarId,
				syncSeq: seq,
				items: calendarEvents(calendarId).filter((e) => {
					if (e.status === 'cancelled') return query.showDeleted === 'true';
					const { start, end } = span(e);
					return end > from && start < to;
				})
			};
		}
		const page = listing.items.slice(0, pageSize);
		const rest = listing.items.slice(pageSize);
		let next: Record<string, string>;
		if (rest.length) {
			const pageToken = token('page-');
			pageTokens.set(pageToken, { ...listing, items: rest });
			next = { nextPageToken: pageToken };
		} else {
			const syncToken = token('sync-');
			syncTokens.set(syncToken, { calendarId, seq: listing.syncSeq });
			next = { nextSyncToken: syncToken };
		}
		return answer(200, {
			kind: 'calendar#events',
			summary: calendarId,
			timeZone: ZONE,
			updated: now(),
			accessRole: 'owner',
			items: page.map(shown),
			...next
		});
	}

	function calendarEvents(calendarId: string) {
		return [...events.values()]
			.filter((e) => e.calendarId === calendarId)
			.sort((a, b) => a.seq - b.seq);
	}

	function idToken(email: string, scopes: string[]) {
		const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
		const iat = Math.floor(Date.now() / 1000);
		const head = enc({ alg: 'HS256', typ: 'JWT' });
		const body = enc({
			iss: 'https://accounts.google.com',
			aud: options.clientId,
			sub: createHmac('sha256', 'sub').update(email).digest('hex').slice(0, 21),
			iat,
			exp: iat + 3600,
			...(scopes.includes('email') && { email, email_verified: true })
		});
		const signature = createHmac('sha256', options.clientSecret)
			.update(`${head}.${body}`)
			.digest('base64url');
		return `${head}.${body}.${signature}`;
	}

	function revokeAccount(email: string) {
		for (const grants of [refreshTokens, accessTokens])
			for (const grant of grants.values()) if (grant.account === email) grant.revoked = true;
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((error) => {
			if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
			res.end(JSON.stringify(apiError(500, String(error), 'backendError')));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		/** Root of both the API and OAuth (apiRoot and oauthRoot for the driver), ends with '/'. */
		url: `http://127.0.0.1:${port}/`,
		/** Every request received, in order (including ones answered with a failure). */
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),

		/** Who the next consent signs in as (unless the URL has login_hint); default cleaner@example.com. */
		consentAs(email: string) {
			consentAccount = email;
		},
		/** Makes the consent page answer error=access_denied (the user said no) until set back. */
		refuseConsent(refuse = true) {
			consentRefused = refuse;
		},
		/** The next consents grant what is asked minus these scopes (Google lets users untick them). */
		withholdScopes(scopes: string[]) {
			withheldScopes = scopes;
		},
		/** The account's calendars (made on first use: primary = the email, plus a read-only holidays one). */
		calendars: (email: string): FakeCalendar[] => account(email).map((c) => ({ ...c })),
		addCalendar(email: string, calendar: FakeCalendar) {
			account(email).push({ ...calendar });
		},

		/** The events of a calendar, cancelled ones included, in order of last change. */
		events: (calendarId: string): FakeEvent[] => calendarEvents(calendarId).map(plain),
		/** The events not cancelled. */
		liveEvents: (calendarId: string): FakeEvent[] =>
			calendarEvents(calendarId)
				.filter((e) => e.status !== 'cancelled')
				.map(plain),
		/** A personal event made in Google by the user (not by us); returns its id. */
		addEvent(
			calendarId: string,
			times: FakeEventTimes,
			extra: { summary?: string; transparent?: boolean; id?: string } = {}
		): string {
			const id = extra.id ?? randomBase32hex();
			store(
				calendarId,
				{
					summary: extra.summary ?? 'Personal',
					...timesOf(times),
					...(extra.transparent && { transparency: 'transparent' })
				},
				id
			);
			return id;
		},
		/** The user moves an event (any event, ours too). */
		moveEvent(calendarId: string, eventId: string, times: FakeEventTimes) {
			const event = existing(calendarId, eventId);
			Object.assign(event, timesOf(times));
			event.sequence++;
			stamp(event);
		},
		/** The user deletes an event in Google (it stays, cancelled). */
		deleteEvent(calendarId: string, eventId: string) {
			const event = existing(calendarId, eventId);
			event.status = 'cancelled';
			stamp(event);
		},
		/** The user marks an event "free" (transparent) or back to "busy". */
		makeTransparent(calendarId: string, eventId: string, transparent = true) {
			const event = existing(calendarId, eventId);
			if (transparent) event.transparency = 'transparent';
			else delete event.transparency;
			stamp(event);
		},

		/** The user removes our access: refresh and access tokens of that account stop working. */
		revoke: revokeAccount,
		/** Every sync token given so far answers 410 (Google's full-sync-required). */
		expireSyncTokens() {
			syncTokens.clear();
		},
		/** Every access token given so far answers 401, so the SDK must refresh. */
		expireAccessTokens() {
			for (const grant of accessTokens.values()) grant.expiresAt = 0;
		},
		/** Lifetime of access tokens issued from now on, in seconds. */
		setAccessTokenSeconds(seconds: number) {
			accessTokenSeconds = seconds;
		},
		/** Delay before every answer, in ms (0: none). */
		setLatency(ms: number) {
			latencyMs = ms;
		},
		/**
		 * The next request with that method (and path matching) fails: with that HTTP status and
		 * without being done, or with 'lose': done, then the connection drops before the answer.
		 */
		failNext(method: string, status: number | 'lose', path?: RegExp) {
			failures.push({ method, status, ...(path && { path }) });
		}
	};
}

export type FakeGoogleCalendar = Awaited<ReturnType<typeof startFakeGoogleCalendar>>;

/** A stored event without the fake's own bookkeeping. */
function plain(event: Stored): FakeEvent {
	const copy: Partial<Stored> = structuredClone(event);
	delete copy.calendarId;
	delete copy.seq;
	return copy as FakeEvent;
}

/** An id like Google's own: base32hex, 26 characters. */
function randomBase32hex(): string {
	const alphabet = '0123456789abcdefghijklmnopqrstuv';
	return [...randomBytes(26)].map((b) => alphabet[b % 32]).join('');
}
