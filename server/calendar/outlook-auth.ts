import {
	AuthError,
	ConfidentialClientApplication,
	InteractionRequiredAuthError,
	LogLevel
} from '@azure/msal-node';
import { GrantRevoked, type Credentials } from './port.ts';

// Microsoft identity platform for the Outlook driver, through MSAL: the app, the grant's refresh,
// and what its errors mean.

// offline_access brings the refresh token; MSAL adds openid and profile itself.
export const SCOPES = ['offline_access', 'Calendars.ReadWrite', 'User.Read'];

export type MsalSettings = { clientId: string; clientSecret: string; authority: string };

/**
 * A fresh MSAL app (and so a fresh in-memory token cache): make one per grant. The cache is where
 * MSAL puts the refresh token (AuthenticationResult does not carry it), and one user's tokens
 * must never be handed to another. knownAuthorities makes MSAL trust the authority's host as it is
 * (no instance discovery at login.microsoftonline.com); the endpoints then come from its
 * openid-configuration (or, for Microsoft's own hosts, MSAL's built-in metadata).
 */
export function msalApp(settings: MsalSettings): ConfidentialClientApplication {
	return new ConfidentialClientApplication({
		auth: {
			clientId: settings.clientId,
			clientSecret: settings.clientSecret,
			authority: settings.authority,
			knownAuthorities: [new URL(settings.authority).host]
		},
		system: {
			loggerOptions: {
				logLevel: LogLevel.Error,
				piiLoggingEnabled: false,
				loggerCallback: () => {}
			}
		}
	});
}

/** New credentials from the grant's refresh token; GrantRevoked when the user must connect again. */
export async function refreshGrant(
	settings: MsalSettings,
	refreshToken: string
): Promise<Credentials> {
	const app = msalApp(settings);
	const result = await app
		// forceCache: the cache has no account yet, and without it MSAL would not keep the rotated
		// refresh token we read back below.
		.acquireTokenByRefreshToken({ refreshToken, scopes: SCOPES, forceCache: true })
		.catch((error) => {
			throw grantError(error);
		});
	if (!result?.accessToken)
		throw new Error('Microsoft refreshed the grant without an access token');
	// Microsoft rotates refresh tokens: the new one is the one to keep.
	return {
		refreshToken: cachedRefreshToken(app) ?? refreshToken,
		accessToken: result.accessToken,
		expiresAt: result.expiresOn?.getTime()
	};
}

/** The refresh token MSAL put in this app's own cache (one grant per app: at most one). */
export function cachedRefreshToken(app: ConfidentialClientApplication): string | undefined {
	const cache = JSON.parse(app.getTokenCache().serialize()) as {
		RefreshToken?: Record<string, { secret: string }>;
	};
	return Object.values(cache.RefreshToken ?? {}).at(-1)?.secret;
}

/**
 * invalid_grant (revoked, expired, password changed) and the interaction-required family
 * (consent withdrawn, sign-in needed) all mean the user must connect again: retrying cannot help.
 */
function grantError(error: unknown): unknown {
	if (error instanceof InteractionRequiredAuthError) return new GrantRevoked(describe(error));
	if (error instanceof AuthError && error.errorCode === 'invalid_grant') {
		return new GrantRevoked(describe(error));
	}
	return error;
}

export function describe(error: unknown): string {
	if (error instanceof AuthError) return `${error.errorCode}: ${error.errorMessage.split('\n')[0]}`;
	return error instanceof Error ? error.message : String(error);
}
