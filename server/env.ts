// Every address and size the server reads, in one place. Values come from the environment; the
// defaults are the local development layout started by `npm run dev`.
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
	int
};
