import type { Limit } from './rate-limit.ts';

// Every rate limit, with its default. Each can be changed with an environment variable
// RATE_LIMIT_<NAME> = "<max>/<window seconds>", e.g. RATE_LIMIT_LOGIN_ACCOUNT=5/600.
// Read on each use, so a test can lower one for a while.

const DEFAULTS = {
	/** Failed sign-ins (password or code) per account. A success clears it. */
	loginAccount: { name: 'login-account', max: 10, windowSeconds: 15 * 60 },
	/** Failed sign-ins per client address (one address may hide an office full of people). */
	loginIp: { name: 'login-ip', max: 50, windowSeconds: 15 * 60 },
	/** Password reset requests per email address. */
	resetAccount: { name: 'reset-account', max: 3, windowSeconds: 60 * 60 },
	/** Password reset requests (and confirmations) per client address. */
	resetIp: { name: 'reset-ip', max: 20, windowSeconds: 60 * 60 },
	/** Public slot and coverage searches per client address. */
	slotSearchIp: { name: 'slot-search-ip', max: 300, windowSeconds: 5 * 60 },
	/** Bookings asked for by anonymous callers of the REST API, per client address. */
	bookingIp: { name: 'booking-ip', max: 30, windowSeconds: 60 * 60 },
	/**
	 * Pending holds made per customer email (each new booking holds its slot unpaid for the hold
	 * time), whatever the way in: the REST API or Zero's booking.create.
	 */
	holdEmail: { name: 'hold-email', max: 5, windowSeconds: 60 * 60 }
} satisfies Record<string, Limit>;

export type LimitName = keyof typeof DEFAULTS;

const envName = (name: string) => `RATE_LIMIT_${name.replace(/-/g, '_').toUpperCase()}`;

/** The limit in force now: its RATE_LIMIT_* variable if set, else the default. */
export function limitOf(which: LimitName): Limit {
	const base = DEFAULTS[which];
	const variable = envName(base.name);
	const raw = process.env[variable];
	if (!raw) return base;
	const match = /^(\d+)\/(\d+)$/.exec(raw.trim());
	if (!match || Number(match[1]) < 1 || Number(match[2]) < 1)
		throw new Error(
			`${variable} must look like "<max>/<window seconds>", e.g. 10/900; got "${raw}"`
		);
	return { name: base.name, max: Number(match[1]), windowSeconds: Number(match[2]) };
}

/** The environment variable of each limit, for the README and error messages. */
export const LIMIT_VARIABLES = Object.fromEntries(
	Object.entries(DEFAULTS).map(([k, v]) => [k, envName(v.name)])
) as Record<LimitName, string>;
