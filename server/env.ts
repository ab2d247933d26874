// Every address and size the server reads, in one place. Values come from the environment; the
// defaults are the local development layout started by `npm run dev`.
import { join, resolve } from 'node:path';

const env = process.env;

function int(name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value <= 0)
		throw new Error(`${name} must be a positive integer, got "${raw}"`);
	return value;
}

export const config = {
	/** Postgres the app uses; when unset, `npm run dev` starts an embedded one and sets it. */
	databaseUrl: () => {
		const url = env.DATABASE_URL;
		if (!url) throw new Error('DATABASE_URL is not set (npm run dev and npm start set it for you)');
		return url;
	},
	/** Where zero-cache listens, as seen from the browser. */
	zeroPublicUrl: () => env.ZERO_PUBLIC_URL ?? `http://localhost:${int('ZERO_PORT', 4848)}`,
	/** Where zero-cache listens, as seen from this server (health checks). */
	zeroInternalUrl: () => env.ZERO_INTERNAL_URL ?? `http://127.0.0.1:${int('ZERO_PORT', 4848)}`,
	sessionDays: () => int('SESSION_DAYS', 30),
	/** Cookies are `Secure` unless the app is served over plain http (local development and tests). */
	secureCookies: () => env.INSECURE_COOKIES !== '1',
	/**
	 * The app's address as customers reach it, for the links in emails and texts: PUBLIC_URL, else
	 * ORIGIN (adapter-node's own setting), else the local web port.
	 */
	publicUrl: () =>
		(env.PUBLIC_URL || env.ORIGIN || `http://localhost:${int('PORT', 5173)}`).replace(/\/+$/, ''),
	/** SendGrid for email when SENDGRID_API_KEY is set; null sends email to the local outbox. */
	sendgrid: () => {
		const apiKey = env.SENDGRID_API_KEY;
		if (!apiKey) return null;
		const from = env.EMAIL_FROM;
		if (!from) throw new Error('EMAIL_FROM must be set with SENDGRID_API_KEY (a verified sender)');
		return {
			apiKey,
			from,
			/** Another address for SendGrid's API, e.g. the local fake in tests/fakes/sendgrid.ts. */
			apiBase: env.SENDGRID_API_BASE || undefined
		};
	},
	/** Twilio for SMS when its three settings are set; null sends texts to the local outbox. */
	twilio: () => {
		const names = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'] as const;
		const missing = names.filter((name) => !env[name]);
		if (missing.length === names.length) return null;
		if (missing.length) throw new Error(`Twilio needs ${missing.join(' and ')} as well`);
		return {
			accountSid: env.TWILIO_ACCOUNT_SID!,
			authToken: env.TWILIO_AUTH_TOKEN!,
			from: env.TWILIO_FROM!,
			/** Another address for Twilio's API, e.g. the local fake in tests/fakes/twilio.ts. */
			apiBase: env.TWILIO_API_BASE || undefined
		};
	},
	/**
	 * Where photos (and other files) are kept: an S3-compatible bucket when S3_BUCKET is set (with
	 * S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY; S3_ENDPOINT for storage other than AWS's own, e.g.
	 * MinIO or the fake in tests/fakes/s3.ts; S3_REGION, default us-east-1), else a local folder:
	 * FILE_STORE_DIR, default `files` in DATA_DIR (.data).
	 */
	fileStore: (): { kind: 'local'; dir: string } | ({ kind: 's3' } & S3Settings) => {
		const bucket = env.S3_BUCKET;
		if (!bucket) {
			const dir = env.FILE_STORE_DIR || join(env.DATA_DIR || '.data', 'files');
			return { kind: 'local', dir: resolve(dir) };
		}
		const missing = ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].filter((name) => !env[name]);
		if (missing.length) throw new Error(`S3_BUCKET needs ${missing.join(' and ')} as well`);
		return {
			kind: 's3',
			bucket,
			endpoint: env.S3_ENDPOINT || undefined,
			region: env.S3_REGION || 'us-east-1',
			accessKeyId: env.S3_ACCESS_KEY_ID!,
			secretAccessKey: env.S3_SECRET_ACCESS_KEY!
		};
	},
	/**
	 * Google Calendar sync when GOOGLE_CALENDAR_CLIENT_ID and _SECRET are set (an OAuth client of
	 * type "web application" whose redirect URI is <PUBLIC_URL>/calendar-connect/google/callback).
	 * GOOGLE_CALENDAR_API_ROOT and GOOGLE_OAUTH_ROOT point it elsewhere, e.g. the fake in tests.
	 */
	googleCalendar: () =>
		pair(
			'GOOGLE_CALENDAR_CLIENT_ID',
			'GOOGLE_CALENDAR_CLIENT_SECRET',
			(clientId, clientSecret) => ({
				clientId,
				clientSecret,
				apiRoot: env.GOOGLE_CALENDAR_API_ROOT || undefined,
				oauthRoot: env.GOOGLE_OAUTH_ROOT || undefined
			})
		),
	/**
	 * Outlook calendar sync (Microsoft Graph) when OUTLOOK_CLIENT_ID and _SECRET are set (redirect
	 * URI <PUBLIC_URL>/calendar-connect/outlook/callback). OUTLOOK_AUTHORITY defaults to the
	 * multi-tenant one; MICROSOFT_GRAPH_ROOT points Graph elsewhere, e.g. the fake in tests.
	 */
	outlookCalendar: () =>
		pair('OUTLOOK_CLIENT_ID', 'OUTLOOK_CLIENT_SECRET', (clientId, clientSecret) => ({
			clientId,
			clientSecret,
			authority: env.OUTLOOK_AUTHORITY || 'https://login.microsoftonline.com/common',
			graphRoot: env.MICROSOFT_GRAPH_ROOT || undefined
		})),
	int
};

/** Settings that come as an id and a secret: both or neither. */
function pair<T>(idName: string, secretName: string, make: (id: string, secret: string) => T) {
	const id = env[idName];
	const secret = env[secretName];
	if (!id && !secret) return null;
	if (!id || !secret) throw new Error(`${idName} and ${secretName} must be set together`);
	return make(id, secret);
}

export type S3Settings = {
	bucket: string;
	/** e.g. http://127.0.0.1:9000 for MinIO; AWS's own endpoint when unset. */
	endpoint?: string;
	region: string;
	accessKeyId: string;
	secretAccessKey: string;
};
