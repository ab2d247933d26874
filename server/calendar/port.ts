// The calendar port (design.md convention 7): calendar sync talks to this interface only, and
// providers.ts picks the drivers — Google when its client id is set, Outlook (Microsoft Graph) when
// its client id is set. With neither, nobody is offered a connection (the ICS feed still works).

/** As `profiles.calendar_provider` names them (Outlook is Microsoft Graph). */
export type CalendarProviderName = 'google' | 'outlook';

/** What we keep of a user's grant, sealed at rest (secret-box); never in a synced table. */
export type Credentials = {
	refreshToken: string;
	accessToken?: string;
	/** Epoch ms when the access token stops working. */
	expiresAt?: number;
};

/** The booking as it appears in the cleaner's calendar: nothing a stranger should not read. */
export type CalendarEventBody = {
	/** Our appointment id: the key that makes every write of this booking idempotent. */
	appointmentId: string;
	summary: string;
	description: string;
	location: string;
	/** Epoch ms. */
	start: number;
	end: number;
	/** IANA zone the event is shown in (the business's, Europe/London by default). */
	timeZone: string;
};

export type ProviderCalendar = { id: string; name: string; primary: boolean };

/** One change to a busy time in the user's calendar since the last pull. */
export type BusyChange =
	| {
			kind: 'busy';
			/** The provider's event id (recurring events: one id per occurrence). */
			eventId: string;
			start: number;
			end: number;
	  }
	| { kind: 'gone'; eventId: string };

export type BusyPage = {
	changes: BusyChange[];
	/** Hand back on the next pull to get only what changed since. */
	nextSyncToken: string;
	/** True when this answer is a full listing (no token given): busy times not in it are gone. */
	full: boolean;
};

/** The user revoked access or the grant expired (`invalid_grant`): retrying cannot help. */
export class GrantRevoked extends Error {
	constructor(message = 'The calendar grant was revoked or has expired') {
		super(message);
		this.name = 'GrantRevoked';
	}
}

/** The provider no longer knows the sync token (Google 410, Graph 410 / syncStateNotFound). */
export class SyncTokenStale extends Error {
	constructor() {
		super('The provider needs a full resync');
		this.name = 'SyncTokenStale';
	}
}

/** A client for one user's grant. Drivers refresh the access token themselves. */
export interface CalendarClient {
	listCalendars(): Promise<ProviderCalendar[]>;
	/**
	 * Creates the booking's event, or replaces it when it is already there: `knownEventId` when we
	 * stored one, else the driver finds it by the appointment id (Google: an event id derived from
	 * it; Graph: a transactionId), so a replay after a crash never makes a second event. A deleted
	 * event with that key comes back. Returns the provider's event id.
	 */
	putEvent(calendarId: string, event: CalendarEventBody, knownEventId?: string): Promise<string>;
	/** Removes the event; one already gone is not an error. */
	deleteEvent(calendarId: string, eventId: string): Promise<void>;
	/**
	 * Busy times changed since `syncToken` (null: all from now on). Free ("transparent"/"free")
	 * and cancelled events come back as `gone`; the events this port wrote are left out.
	 * Throws SyncTokenStale when the token is no longer valid.
	 */
	busyChanges(calendarId: string, syncToken: string | null): Promise<BusyPage>;
}

export interface CalendarProvider {
	readonly name: CalendarProviderName;
	/** Shown on buttons and messages: "Google Calendar", "Outlook". */
	readonly label: string;
	/** Where to send the user to grant access; `state` comes back with the code. */
	authorisationUrl(state: string, redirectUri: string): Promise<string>;
	/** Swaps the code from the consent screen for a grant and the account's email address. */
	exchangeCode(
		code: string,
		redirectUri: string
	): Promise<{ credentials: Credentials; account: string }>;
	/**
	 * A client acting with the grant. `onCredentials` is told of refreshed tokens so they can be
	 * stored (Microsoft rotates refresh tokens). Any call may throw GrantRevoked.
	 */
	client(
		credentials: Credentials,
		onCredentials: (next: Credentials) => Promise<void>
	): CalendarClient;
}
