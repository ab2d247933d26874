import { inArray } from 'drizzle-orm';
import { locations } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import { loadSettings } from '../booking/settings.ts';
import type { DbOrTx } from '../db/client.ts';
import { reportsFor, runReport } from './run.ts';

/** The office's reports page: every report the user may see, for the filters in the URL. */
export async function reportsPage(db: DbOrTx, url: URL, ctx: AuthContext, now: number) {
	const settings = await loadSettings(db);
	const today = localDate(now, settings.timeZone);
	// Four weeks to today unless the URL says otherwise.
	const query = {
		from: url.searchParams.get('from') || addDays(today, -27),
		to: url.searchParams.get('to') || today,
		location: url.searchParams.get('location') ?? ''
	};
	const scope = ctx.office!;
	const places = await db
		.select({ id: locations.id, name: locations.name })
		.from(locations)
		.where(scope.all ? undefined : inArray(locations.id, scope.locationIDs))
		.orderBy(locations.name);
	const results = await Promise.all(reportsFor(ctx).map((name) => runReport(db, name, query, ctx)));
	const refused = results.find((r) => !r.ok);
	return {
		query,
		locations: places,
		errors: refused && !refused.ok ? (refused.fields ?? { from: [refused.message] }) : {},
		reports: results.flatMap((r) => (r.ok ? [{ name: r.name, title: r.title, ...r.table }] : []))
	};
}
