import { eq, lt, sql } from 'drizzle-orm';
import { rateLimits } from '../../drizzle/schema.ts';
import type { DbOrTx } from '../db/client.ts';
import { prepared } from '../db/prepared.ts';

// Fixed-window counters in Postgres, shared by every app process (an in-memory counter would let
// each process, and each restart, start from zero). A window opens at a key's first hit and lasts
// `windowSeconds`; the hit that finds it over opens a new one.
//
// Worked example, 5 per 15 minutes: hits at 10:00 … 10:04 count 1 … 5 and pass; a sixth at 10:05
// counts 6 and is refused "try again in 10 minutes"; at 10:15 the window is over, the next hit
// counts 1 and passes.

export type Limit = {
	/** Names the counter, e.g. `login-account`; the key is `<name>:<subject>`. */
	name: string;
	max: number;
	windowSeconds: number;
};

export type Verdict = { ok: true; hits: number } | { ok: false; retryAfterSeconds: number };

const keyOf = (limit: Limit, subject: string) => `${limit.name}:${subject.toLowerCase()}`;

/**
 * Counts one attempt against `subject` and says whether it may go ahead. One statement, so two
 * attempts at the same moment are counted twice, never once.
 */
export async function hit(
	db: DbOrTx,
	limit: Limit,
	subject: string,
	now = new Date()
): Promise<Verdict> {
	const end = new Date(now.getTime() + limit.windowSeconds * 1000);
	const [row] = await countHit(db, { key: keyOf(limit, subject), now, end });
	return verdict(limit, row.hits, row.expiresAt, now);
}

// Asked on every public request and every booking: built once (server/db/prepared.ts).
const countHit = prepared('count-hit', (db) => {
	const over = sql`${rateLimits.expiresAt} <= excluded.window_start`;
	return db
		.insert(rateLimits)
		.values({
			key: sql.placeholder('key'),
			windowStart: sql.placeholder('now'),
			hits: 1,
			expiresAt: sql.placeholder('end')
		})
		.onConflictDoUpdate({
			target: rateLimits.key,
			set: {
				windowStart: sql`CASE WHEN ${over} THEN excluded.window_start ELSE ${rateLimits.windowStart} END`,
				hits: sql`CASE WHEN ${over} THEN 1 ELSE ${rateLimits.hits} + 1 END`,
				expiresAt: sql`CASE WHEN ${over} THEN excluded.expires_at ELSE ${rateLimits.expiresAt} END`
			}
		})
		.returning({ hits: rateLimits.hits, expiresAt: rateLimits.expiresAt });
});

/** Whether one more attempt would be refused, without counting one (to refuse before work). */
export async function peek(
	db: DbOrTx,
	limit: Limit,
	subject: string,
	now = new Date()
): Promise<Verdict> {
	const [row] = await db
		.select({ hits: rateLimits.hits, expiresAt: rateLimits.expiresAt })
		.from(rateLimits)
		.where(eq(rateLimits.key, keyOf(limit, subject)));
	if (!row || row.expiresAt <= now) return { ok: true, hits: 0 };
	return verdict(limit, row.hits + 1, row.expiresAt, now);
}

/** Forgets a subject's count (a successful sign-in clears its account's failures). */
export async function clear(db: DbOrTx, limit: Limit, subject: string) {
	await db.delete(rateLimits).where(eq(rateLimits.key, keyOf(limit, subject)));
}

/** Deletes counters whose window is over (run now and then; they mean nothing any more). */
export async function deleteExpiredRateLimits(db: DbOrTx, now = new Date()) {
	await db.delete(rateLimits).where(lt(rateLimits.expiresAt, now));
}

function verdict(limit: Limit, hits: number, expiresAt: Date, now: Date): Verdict {
	if (hits <= limit.max) return { ok: true, hits };
	return {
		ok: false,
		retryAfterSeconds: Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000))
	};
}

/** "Too many attempts: try again in 10 minutes" (whole minutes, rounded up; at least 1). */
export function tooManyMessage(retryAfterSeconds: number): string {
	const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
	return `Too many attempts: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The first refusal among several verdicts (the longest wait when several refuse). */
export function worst(verdicts: Verdict[]): Verdict {
	const refused = verdicts.filter((v) => !v.ok);
	if (refused.length === 0) return verdicts[0] ?? { ok: true, hits: 0 };
	return refused.reduce((a, b) => (a.retryAfterSeconds >= b.retryAfterSeconds ? a : b));
}
