import { database } from './db/client.ts';
import { config } from './env.ts';

const WORKER_STALE_MS = 20_000;

export type Health = {
	ok: boolean;
	checks: {
		postgres: { ok: boolean; error?: string };
		zeroCache: { ok: boolean; error?: string };
		worker: { ok: boolean; workers: number; lastSeenAt: string | null; error?: string };
	};
};

/** Postgres answers, zero-cache answers, and a worker has stamped its heartbeat recently. */
export async function checkHealth(): Promise<Health> {
	const { sql } = database();
	const [postgresCheck, zeroCheck, workerCheck] = await Promise.all([
		sql`SELECT 1`.then(
			() => ({ ok: true }),
			(e: Error) => ({ ok: false, error: e.message })
		),
		fetch(config.zeroInternalUrl(), { signal: AbortSignal.timeout(2000) }).then(
			(r) => ({ ok: r.ok, ...(r.ok ? {} : { error: `HTTP ${r.status}` }) }),
			(e: Error) => ({ ok: false, error: e.message })
		),
		sql<{ workers: number; last: number | null }[]>`
			SELECT count(*)::int AS workers,
				(extract(epoch FROM max(last_seen_at)) * 1000)::float8 AS last
			FROM worker_heartbeats
			WHERE last_seen_at > now() - make_interval(secs => ${WORKER_STALE_MS / 1000})`.then(
			([row]) => ({
				ok: row.workers > 0,
				workers: row.workers,
				lastSeenAt: row.last === null ? null : new Date(row.last).toISOString()
			}),
			(e: Error) => ({ ok: false, workers: 0, lastSeenAt: null, error: e.message })
		)
	]);
	const checks = { postgres: postgresCheck, zeroCache: zeroCheck, worker: workerCheck };
	return { ok: postgresCheck.ok && zeroCheck.ok && workerCheck.ok, checks };
}
