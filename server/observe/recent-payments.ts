import type { Sql } from 'postgres';

/** Payments started in the last 24 hours by status, a refunded one counted as succeeded. */
export async function recentPayments(sql: Sql): Promise<Record<string, number>> {
	const rows = await sql<{ status: string; n: number }[]>`
		SELECT CASE WHEN status = 'refunded' THEN 'succeeded' ELSE status END AS status,
			count(*)::int AS n
		FROM payments WHERE created_at > now() - interval '24 hours'
		GROUP BY 1`;
	return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
