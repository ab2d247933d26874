import { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { cachedRefreshToken, describe, msalApp, refreshGrant, SCOPES } from './outlook-auth.ts';
import {
	SyncTokenStale,
	type BusyChange,
	type CalendarClient,
	type CalendarProvider,
	type Credentials
} from './port.ts';
import {
	APPOINTMENT_PROPERTY,
	busyChange,
	eventBody,
	TRANSACTION_PREFIX,
	type GraphEvent
} from './outlook-events.ts';

// The Outlook side of the calendar port: Microsoft identity platform through MSAL (auth code flow,
// refresh) and Microsoft Graph through its JS client. Settings come from server/env.ts
// (OUTLOOK_AUTHORITY, MICROSOFT_GRAPH_ROOT point both at the fake in tests).

export type OutlookSettings = {
	clientId: string;
	clientSecret: string;
	/** e.g. https://login.microsoftonline.com/common */
	authority: string;
	/** Graph's root with its version; https://graph.microsoft.com/v1.0 by default. */
	graphRoot?: string;
};

/** Busy times are pulled from now to a year ahead (a calendarView delta needs a window). */
const PULL_WINDOW_MS = 365 * 86_400_000;
/** An access token this close to its expiry is refreshed first. */
const EXPIRY_MARGIN_MS = 60_000;

type GraphPage<T> = { value: T[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };

export function outlookCalendarProvider(settings: OutlookSettings): CalendarProvider {
	const graphRoot = new URL(settings.graphRoot ?? 'https://graph.microsoft.com/v1.0');
	const version = graphRoot.pathname.replace(/^\/+|\/+$/g, '') || 'v1.0';

	let urlApp: ReturnType<typeof msalApp> | null = null;

	function graph(token: () => Promise<string>) {
		return Client.initWithMiddleware({
			authProvider: { getAccessToken: token },
			baseUrl: graphRoot.origin,
			defaultVersion: version,
			// The Graph client only sends the token to Microsoft's hosts and these.
			customHosts: new Set([graphRoot.hostname])
		});
	}

	return {
		name: 'outlook',
		label: 'Outlook',

		async authorisationUrl(state, redirectUri) {
			urlApp ??= msalApp(settings);
			return urlApp.getAuthCodeUrl({
				scopes: SCOPES,
				redirectUri,
				state,
				prompt: 'select_account'
			});
		},

		async exchangeCode(code, redirectUri) {
			const app = msalApp(settings); // its own cache: one grant per app
			const result = await app
				.acquireTokenByCode({ code, redirectUri, scopes: SCOPES })
				.catch((error) => {
					throw new Error(`Microsoft did not accept the sign-in: ${describe(error)}`);
				});
			const refreshToken = cachedRefreshToken(app);
			if (!refreshToken) throw new Error('Microsoft gave no refresh token (offline_access)');
			const me = (await graph(async () => result.accessToken)
				.api('/me')
				.select(['mail', 'userPrincipalName'])
				.get()) as { mail?: string | null; userPrincipalName?: string | null };
			const account = me.mail || me.userPrincipalName || result.account?.username;
			if (!account) throw new Error('Microsoft Graph gave no email address for the account');
			return {
				credentials: {
					refreshToken,
					accessToken: result.accessToken,
					expiresAt: result.expiresOn?.getTime()
				},
				account
			};
		},

		client(credentials, onCredentials) {
			let current: Credentials = { ...credentials };
			let refreshing: Promise<void> | null = null;

			async function refresh() {
				current = await refreshGrant(settings, current.refreshToken);
				await onCredentials({ ...current });
			}

			/** A usable access token, refreshed first when it is (nearly) expired or `force`d. */
			async function ensureToken(force = false) {
				const fresh =
					current.accessToken && (current.expiresAt ?? 0) > Date.now() + EXPIRY_MARGIN_MS;
				if (fresh && !force) return;
				refreshing ??= refresh().finally(() => (refreshing = null));
				await refreshing;
			}

			// The token is made ready before each call (so GrantRevoked is thrown as itself, not
			// wrapped by the Graph client); a 401 (revoked or expired early) refreshes once and retries.
			const api = graph(async () => current.accessToken ?? '');
			async function call<T>(request: (api: Client) => Promise<T>): Promise<T> {
				await ensureToken();
				try {
					return await request(api);
				} catch (error) {
					if (!(error instanceof GraphError) || error.statusCode !== 401) throw error;
				}
				await ensureToken(true);
				return request(api);
			}

			const calendarPath = (calendarId: string) =>
				`/me/calendars/${encodeURIComponent(calendarId)}`;

			const client: CalendarClient = {
				async listCalendars() {
					type Calendar = {
						id: string;
						name: string;
						canEdit: boolean;
						isDefaultCalendar?: boolean;
					};
					const calendars: Calendar[] = [];
					let next: string | undefined =
						'/me/calendars?$select=id,name,canEdit,isDefaultCalendar&$top=100';
					while (next) {
						const url: string = next;
						const page = (await call((g) => g.api(url).get())) as GraphPage<Calendar>;
						calendars.push(...page.value);
						next = page['@odata.nextLink'];
					}
					return calendars
						.filter((c) => c.canEdit)
						.map((c) => ({ id: c.id, name: c.name, primary: c.isDefaultCalendar === true }));
				},

				async putEvent(calendarId, event, knownEventId) {
					const body = eventBody(event);
					if (knownEventId) {
						const path = `${calendarPath(calendarId)}/events/${encodeURIComponent(knownEventId)}`;
						try {
							const updated = (await call((g) => g.api(path).patch(body))) as { id: string };
							return updated.id;
						} catch (error) {
							// Deleted in Outlook (or never made): write it again.
							if (!isStatus(error, 404)) throw error;
						}
					}
					const eventsPath = `${calendarPath(calendarId)}/events`;
					try {
						const created = (await call((g) =>
							g.api(eventsPath).post({
								...body,
								transactionId: TRANSACTION_PREFIX + event.appointmentId
							})
						)) as { id: string };
						return created.id;
					} catch (error) {
						// Graph may turn a repeated transactionId down instead of answering with the
						// event made the first time: find that event by our mark and update it.
						if (!(error instanceof GraphError) || error.statusCode < 400) throw error;
						if (error.statusCode >= 500 || error.statusCode === 401) throw error;
						const mark =
							`singleValueExtendedProperties/Any(ep: ep/id eq '${APPOINTMENT_PROPERTY}'` +
							` and ep/value eq '${event.appointmentId.replace(/'/g, "''")}')`;
						const found = (await call((g) =>
							g.api(eventsPath).filter(mark).select('id').top(1).get()
						)) as GraphPage<{ id: string }>;
						const existing = found.value[0]?.id;
						if (!existing) throw error;
						const path = `${eventsPath}/${encodeURIComponent(existing)}`;
						const updated = (await call((g) => g.api(path).patch(body))) as { id: string };
						return updated.id;
					}
				},

				async deleteEvent(_calendarId, eventId) {
					// By id alone: the event goes wherever it is (the user may have moved it).
					try {
						await call((g) => g.api(`/me/events/${encodeURIComponent(eventId)}`).delete());
					} catch (error) {
						if (!isStatus(error, 404)) throw error;
					}
				},

				async busyChanges(calendarId, syncToken) {
					const now = Date.now();
					// The window's ends in full ISO form with Z: Graph reads them as given.
					const window = new URLSearchParams({
						startDateTime: new Date(now).toISOString(),
						endDateTime: new Date(now + PULL_WINDOW_MS).toISOString()
					});
					let url = syncToken ?? `${calendarPath(calendarId)}/calendarView/delta?${window}`;
					const changes: BusyChange[] = [];
					for (;;) {
						const pageUrl = url;
						let page: GraphPage<GraphEvent>;
						try {
							page = (await call((g) =>
								g
									.api(pageUrl)
									.header('Prefer', 'odata.maxpagesize=200, outlook.timezone="UTC"')
									.get()
							)) as GraphPage<GraphEvent>;
						} catch (error) {
							if (isStaleDelta(error)) throw new SyncTokenStale();
							throw error;
						}
						for (const item of page.value) {
							const change = busyChange(item);
							if (change) changes.push(change);
						}
						if (page['@odata.nextLink']) url = page['@odata.nextLink'];
						else if (page['@odata.deltaLink']) {
							// The delta link is the sync token: it holds the window and the state.
							return { changes, nextSyncToken: page['@odata.deltaLink'], full: syncToken === null };
						} else throw new Error('Graph delta page had neither a next nor a delta link');
					}
				}
			};
			return client;
		}
	};
}

const isStatus = (error: unknown, status: number) =>
	error instanceof GraphError && error.statusCode === status;

/** Graph says 410 Gone (SyncStateNotFound and friends) when a delta token can no longer be used. */
function isStaleDelta(error: unknown): boolean {
	if (!(error instanceof GraphError)) return false;
	return (
		error.statusCode === 410 ||
		/syncStateNotFound|syncStateInvalid|resyncRequired/i.test(error.code ?? '')
	);
}
