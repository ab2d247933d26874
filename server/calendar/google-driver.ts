import { auth, calendar, type calendar_v3 } from '@googleapis/calendar';
import {
	GrantRevoked,
	SyncTokenStale,
	type BusyChange,
	type CalendarClient,
	type CalendarProvider,
	type Credentials
} from './port.ts';
import { busyChangeOf, eventBody, googleEventId } from './google-events.ts';

// Google Calendar through the official SDK. The OAuth2Client comes from @googleapis/calendar's own
// `auth` export: the SDK carries its own google-auth-library (11.x) beside the top-level one
// (10.x, from @googleapis/places), and only its own class is the one the SDK's types accept.

export type GoogleCalendarSettings = {
	clientId: string;
	clientSecret: string;
	/** Another root for the Calendar API, e.g. the fake in tests/fakes/google-calendar.ts. */
	apiRoot?: string | undefined;
	/** Another root for the consent page (/o/oauth2/v2/auth) and the token endpoint (/token). */
	oauthRoot?: string | undefined;
	/** How long one request to Google may take, token refreshes included (default
	 * 20 s); gaxios retries a timed-out GET, PUT or DELETE up to three times. */
	timeoutMs?: number;
};

export const GOOGLE_SCOPES = [
	'https://www.googleapis.com/auth/calendar.events',
	'https://www.googleapis.com/auth/calendar.calendarlist.readonly',
	// The id token then names the account's email, shown beside the connection.
	'openid',
	'email'
];

/** Without these two the connection is useless; Google lets the user untick each one. */
const NEEDED_SCOPES = GOOGLE_SCOPES.slice(0, 2);

/** Zone for all-day events when the calendar does not say its own. */
const DEFAULT_ZONE = 'Europe/London';

export function googleCalendarProvider(settings: GoogleCalendarSettings): CalendarProvider {
	const root = settings.oauthRoot?.replace(/\/+$/, '');
	const oauth = () =>
		new auth.OAuth2({
			clientId: settings.clientId,
			clientSecret: settings.clientSecret,
			// An access token refused with 401 is refreshed once even before its expiry date (it
			// may have been revoked, or the clock is off).
			forceRefreshOnFailure: true,
			// A hung connection must not hold a sync job for ever.
			transporterOptions: { timeout: settings.timeoutMs ?? 20_000 },
			...(root && {
				endpoints: {
					oauth2AuthBaseUrl: `${root}/o/oauth2/v2/auth`,
					oauth2TokenUrl: `${root}/token`,
					oauth2RevokeUrl: `${root}/revoke`,
					tokenInfoUrl: `${root}/tokeninfo`
				}
			})
		});
	const api = (client: InstanceType<typeof auth.OAuth2>) =>
		calendar({
			version: 'v3',
			auth: client,
			...(settings.apiRoot && { rootUrl: settings.apiRoot })
		});

	return {
		name: 'google',
		label: 'Google Calendar',
		async authorisationUrl(state, redirectUri) {
			return oauth().generateAuthUrl({
				// offline + consent: Google sends a refresh token every time, also on reconnecting.
				access_type: 'offline',
				prompt: 'consent',
				scope: GOOGLE_SCOPES,
				state,
				redirect_uri: redirectUri
			});
		},
		async exchangeCode(code, redirectUri) {
			const client = oauth();
			const { tokens } = await client
				.getToken({ code, redirect_uri: redirectUri })
				.catch((error: unknown) => {
					throw new Error(`Google refused the consent code: ${oauthErrorOf(error) ?? error}`);
				});
			if (!tokens.refresh_token)
				throw new Error('Google gave no refresh token (offline access was not granted)');
			const granted = (tokens.scope ?? '').split(' ');
			if (tokens.scope && !NEEDED_SCOPES.every((s) => granted.includes(s)))
				throw new Error(
					'Google Calendar access was not fully granted: allow seeing the calendar list and editing events'
				);
			client.setCredentials(tokens);
			const credentials: Credentials = {
				refreshToken: tokens.refresh_token,
				...(tokens.access_token && { accessToken: tokens.access_token }),
				...(tokens.expiry_date && { expiresAt: tokens.expiry_date })
			};
			const account = emailOf(tokens.id_token) ?? (await primaryCalendarId(api(client)));
			return { credentials, account };
		},
		client(credentials, onCredentials) {
			const client = oauth();
			client.setCredentials({
				refresh_token: credentials.refreshToken,
				access_token: credentials.accessToken ?? null,
				expiry_date: credentials.expiresAt ?? null
			});
			let current = credentials;
			let storing: Promise<{ error: unknown } | null>[] = [];
			// The library emits refreshed tokens synchronously; storing them is awaited before the
			// call that caused the refresh returns, so a job never ends with them unsaved.
			client.on('tokens', (tokens) => {
				if (!tokens.access_token) return;
				current = {
					refreshToken: tokens.refresh_token ?? current.refreshToken,
					accessToken: tokens.access_token,
					...(tokens.expiry_date && { expiresAt: tokens.expiry_date })
				};
				const next = current;
				// Caught at once (a rejection waiting for the call's end would count as unhandled).
				storing.push(
					Promise.resolve()
						.then(() => onCredentials(next))
						.then(
							() => null,
							(error: unknown) => ({ error })
						)
				);
			});
			const sdk = api(client);
			/** The first failure to store refreshed tokens since the last call, once they are all done. */
			const stored = async () => {
				const stores = storing;
				storing = [];
				return (await Promise.all(stores)).find((s) => s !== null) ?? null;
			};
			const run = async <T>(work: () => Promise<T>): Promise<T> => {
				let result: T;
				try {
					result = await work();
				} catch (error) {
					await stored();
					if (oauthErrorOf(error) === 'invalid_grant') throw new GrantRevoked();
					throw error;
				}
				const failed = await stored();
				if (failed) throw failed.error;
				return result;
			};
			return googleClient(sdk, run);
		}
	};
}

function googleClient(
	sdk: calendar_v3.Calendar,
	run: <T>(work: () => Promise<T>) => Promise<T>
): CalendarClient {
	const update = async (calendarId: string, eventId: string, body: calendar_v3.Schema$Event) =>
		(await sdk.events.update({ calendarId, eventId, requestBody: body })).data.id ?? eventId;
	const insert = async (calendarId: string, body: calendar_v3.Schema$Event) =>
		(await sdk.events.insert({ calendarId, requestBody: body })).data.id!;

	return {
		listCalendars: () =>
			run(async () => {
				const entries = await pages((pageToken) =>
					sdk.calendarList.list({ minAccessRole: 'writer', ...(pageToken && { pageToken }) })
				);
				return entries
					.filter((c) => c.id && (c.accessRole === 'owner' || c.accessRole === 'writer'))
					.map((c) => ({
						id: c.id!,
						name: c.summaryOverride || c.summary || c.id!,
						primary: c.primary === true
					}));
			}),

		putEvent: (calendarId, event, knownEventId) =>
			run(async () => {
				const id = googleEventId(event.appointmentId);
				const body = eventBody(event, id);
				// Update first when we know the event; a new booking inserts at once. The id is ours, so
				// an insert that already happened (answer lost, worker killed) is a 409: update then.
				// Updating with status "confirmed" also brings back an event deleted in Google.
				if (knownEventId) {
					try {
						return await update(calendarId, knownEventId, { ...body, id: knownEventId });
					} catch (error) {
						if (!isGone(error)) throw error;
					}
				}
				try {
					return await insert(calendarId, body);
				} catch (error) {
					if (statusOf(error) !== 409) throw error;
					return await update(calendarId, id, body);
				}
			}),

		deleteEvent: (calendarId, eventId) =>
			run(async () => {
				try {
					await sdk.events.delete({ calendarId, eventId, sendUpdates: 'none' });
				} catch (error) {
					// 410: deleted before; 404: never there or purged. Either way it is gone.
					if (!isGone(error)) throw error;
				}
			}),

		busyChanges: (calendarId, syncToken) =>
			run(async () => {
				const full = syncToken === null;
				const query: calendar_v3.Params$Resource$Events$List = {
					calendarId,
					singleEvents: true,
					maxResults: 2500,
					// Google refuses time bounds beside a sync token; deletions come with it anyway.
					...(full ? { timeMin: new Date().toISOString() } : { syncToken })
				};
				let zone = DEFAULT_ZONE;
				let nextSyncToken: string | null | undefined;
				const items: calendar_v3.Schema$Event[] = [];
				let pageToken: string | undefined;
				do {
					const { data } = await sdk.events
						.list({ ...query, ...(pageToken && { pageToken }) })
						.catch((error: unknown) => {
							if (statusOf(error) === 410) throw new SyncTokenStale();
							throw error;
						});
					if (data.timeZone) zone = data.timeZone;
					items.push(...(data.items ?? []));
					pageToken = data.nextPageToken ?? undefined;
					nextSyncToken = data.nextSyncToken;
				} while (pageToken);
				if (!nextSyncToken) throw new Error('Google listed the events without a sync token');
				const changes = items
					.map((item) => busyChangeOf(item, zone))
					.filter((c): c is BusyChange => c !== null && !(full && c.kind === 'gone'));
				return { changes, nextSyncToken, full };
			})
	};
}

/** Every item of a paged Google listing. */
async function pages<T>(
	list: (
		pageToken: string | undefined
	) => Promise<{ data: { items?: T[]; nextPageToken?: string | null } }>
): Promise<T[]> {
	const all: T[] = [];
	let pageToken: string | undefined;
	do {
		const { data } = await list(pageToken);
		all.push(...(data.items ?? []));
		pageToken = data.nextPageToken ?? undefined;
	} while (pageToken);
	return all;
}

async function primaryCalendarId(sdk: calendar_v3.Calendar): Promise<string> {
	const entries = await pages((pageToken) =>
		sdk.calendarList.list({ ...(pageToken && { pageToken }) })
	);
	const primary = entries.find((c) => c.primary)?.id;
	if (!primary) throw new Error('The Google account has no primary calendar');
	return primary;
}

/** The email in an OpenID id token that came straight from Google's token endpoint (over TLS). */
function emailOf(idToken: string | null | undefined): string | null {
	const payload = idToken?.split('.')[1];
	if (!payload) return null;
	try {
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
		return typeof claims.email === 'string' ? claims.email : null;
	} catch {
		return null;
	}
}

type HttpError = { status?: number; response?: { status?: number; data?: unknown } };

const statusOf = (error: unknown) =>
	(error as HttpError)?.status ?? (error as HttpError)?.response?.status;

const isGone = (error: unknown) => statusOf(error) === 404 || statusOf(error) === 410;

/** The OAuth error code of a token-endpoint answer ("invalid_grant"), if that is what failed. */
function oauthErrorOf(error: unknown): string | null {
	const data = (error as HttpError)?.response?.data as { error?: unknown } | undefined;
	return typeof data?.error === 'string' ? data.error : null;
}
