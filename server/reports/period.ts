import { sql, type SQL } from 'drizzle-orm';

/**
 * A timestamp's local day as 'YYYY-MM-DD' in SQL, so rows group by the business's days, not UTC's:
 * 00:30 on 1 May in London (23:30 UTC on 30 April) belongs to May.
 */
export const localDaySql = (instant: SQL | unknown, timeZone: string) =>
	sql<string>`to_char(${instant} AT TIME ZONE ${timeZone}, 'YYYY-MM-DD')`;

// Group such rows by the first column (`GROUP BY 1`): the time zone travels as a parameter, and
// Postgres does not see `$1` in the select list and `$5` in the GROUP BY as the same expression.
