import { secretBox } from '../auth/secret-box.ts';
import type { Credentials } from './port.ts';

// Calendar grants at rest: AES-256-GCM with CALENDAR_TOKEN_KEY (32 random bytes in base64, e.g.
// `openssl rand -base64 32`). They are never stored unsealed: with no key, nobody can connect a
// calendar (providers.ts says so at start-up when a provider is configured without it). Rotated
// like every sealed secret: CALENDAR_TOKEN_KEY_PREVIOUS, then npm run rotate-secrets.
export const calendarTokenBox = secretBox('CALENDAR_TOKEN_KEY', { plain: false });
const box = calendarTokenBox;

export const canSealTokens = box.ready;

/** The columns of `calendar_credentials` that hold the grant. */
export type SealedCredentials = {
	accessToken: string | null;
	refreshToken: string | null;
	expiresAt: Date | null;
};

export function sealCredentials(credentials: Credentials): SealedCredentials {
	return {
		refreshToken: box.seal(credentials.refreshToken),
		accessToken: credentials.accessToken ? box.seal(credentials.accessToken) : null,
		expiresAt: credentials.expiresAt ? new Date(credentials.expiresAt) : null
	};
}

/** The grant, or null when none was stored (a connection is always made with a refresh token). */
export function openCredentials(row: SealedCredentials): Credentials | null {
	if (!row.refreshToken) return null;
	return {
		refreshToken: box.open(row.refreshToken),
		...(row.accessToken && { accessToken: box.open(row.accessToken) }),
		...(row.expiresAt && { expiresAt: row.expiresAt.getTime() })
	};
}
