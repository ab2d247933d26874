import type { Role } from '../../drizzle/schema.ts';
import { fail } from '../api/envelope.ts';
import type { DbOrTx } from '../db/client.ts';
import { limitOf, type LimitName } from './limits.ts';
import { hit, tooManyMessage } from './rate-limit.ts';

// Per-address limits on the public endpoints anyone can call, checked in hooks.server.ts before the
// route runs. The booking page itself works out free slots on the device from what Zero syncs (no
// request per search); the endpoints it does call — the postcode's cleaners, its search log, booking — are here,
// beside the REST slot search. Admins and managers are not limited (they book for customers).
//
// Zero's booking.create has no client address (zero-cache calls the mutate endpoint, not the
// browser): it is limited per customer email in the mutator instead (hold-limit.ts).

type Rule = { method: string; path: RegExp; limit: LimitName };

const RULES: Rule[] = [
	{ method: 'GET', path: /^\/api\/v1\/bookings\/available-slots\/?$/, limit: 'slotSearchIp' },
	{ method: 'GET', path: /^\/api\/v1\/services\/[^/]+\/staff\/?$/, limit: 'slotSearchIp' },
	{ method: 'GET', path: /^\/api\/v1\/(services|staff)\/by-postcode\/?$/, limit: 'slotSearchIp' },
	// The booking page's travel answer (asked again on each sync change) and its search log.
	{ method: 'GET', path: /^\/api\/reachable-slots\/?$/, limit: 'slotSearchIp' },
	{ method: 'POST', path: /^\/api\/slot-searches\/?$/, limit: 'slotSearchIp' },
	{ method: 'POST', path: /^\/api\/v1\/bookings\/?$/, limit: 'bookingIp' }
];

/** The limit an endpoint falls under, if any. */
export function publicLimitFor(method: string, path: string): LimitName | null {
	return RULES.find((r) => r.method === method && r.path.test(path))?.limit ?? null;
}

/** A 429 in the REST envelope with Retry-After. */
export function tooManyResponse(retryAfterSeconds: number) {
	const message = tooManyMessage(retryAfterSeconds);
	const response = fail(429, 'RATE_LIMITED', message, { retry_after_seconds: retryAfterSeconds });
	response.headers.set('retry-after', String(retryAfterSeconds));
	return response;
}

/** Counts this call against its address; the 429 to answer when it is over the limit, else null. */
export async function checkPublicLimit(
	db: DbOrTx,
	request: { method: string; path: string; ip: string; role: Role | null },
	now = new Date()
): Promise<Response | null> {
	const which = publicLimitFor(request.method, request.path);
	if (!which || request.role === 'admin' || request.role === 'manager') return null;
	const verdict = await hit(db, limitOf(which), request.ip, now);
	return verdict.ok ? null : tooManyResponse(verdict.retryAfterSeconds);
}
