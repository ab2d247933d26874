import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';

// TOTP (RFC 6238) over @oslojs/otp's HOTP, with the clock passed in: 30-second steps, 6 digits,
// SHA-1 (what every authenticator app does), and a code from the step before or after accepted
// too, for a phone whose clock is a little out.

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_ISSUER = 'VALClean';

/** A new secret: 20 random bytes (RFC 4226's recommended length), as authenticator apps type it. */
export function newTotpSecret(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32UpperCaseNoPadding(bytes);
}

/** The secret's bytes; spaces and lower case are forgiven (people copy it by hand). */
export function secretBytes(secret: string): Uint8Array {
	return decodeBase32IgnorePadding(secret.replace(/\s+/g, '').toUpperCase());
}

export const stepAt = (nowMs: number) => Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);

/** The code of a time step (RFC 4226's HOTP with the step as the counter). */
export function codeForStep(key: Uint8Array, step: number, digits = TOTP_DIGITS): string {
	return generateHOTP(key, BigInt(step), digits);
}

/** The code an authenticator shows at `nowMs`. */
export function totpCode(secret: string, nowMs: number): string {
	return codeForStep(secretBytes(secret), stepAt(nowMs));
}

/** The step whose code this is (now, one before or one after), or null. Constant work either way. */
export function matchingStep(secret: string, code: string, nowMs: number): number | null {
	const typed = code.replace(/\s+/g, '');
	if (!/^\d{6}$/.test(typed)) return null;
	const key = secretBytes(secret);
	const now = stepAt(nowMs);
	let found: number | null = null;
	for (const step of [now - 1, now, now + 1]) {
		if (equalStrings(codeForStep(key, step), typed) && found === null) found = step;
	}
	return found;
}

function equalStrings(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
	return diff === 0;
}

/** The otpauth:// link the QR code holds. */
export function totpKeyUri(secret: string, accountName: string): string {
	return createTOTPKeyURI(
		TOTP_ISSUER,
		accountName,
		secretBytes(secret),
		TOTP_PERIOD_SECONDS,
		TOTP_DIGITS
	);
}
