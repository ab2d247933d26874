import type { z } from 'zod';
import { officeMay, type AuthContext } from '../../sync/auth.ts';
import { fieldErrors } from '../api/validation.ts';
import { loadSettings } from '../booking/settings.ts';
import type { DbOrTx } from '../db/client.ts';
import { isReportName, REPORT_NAMES, REPORTS, type ReportName } from './catalogue.ts';
import { filtersOf, reportQuery, type ReportFilters } from './filters.ts';
import type { ReportTable } from './table.ts';

export type ReportResult =
	| { ok: true; name: ReportName; title: string; filters: ReportFilters; table: ReportTable }
	| {
			ok: false;
			status: 400 | 403 | 404;
			code: string;
			message: string;
			fields?: Record<string, string[]>;
	  };

/** Which reports this office user may open (revenue needs `see_revenue`). */
export function reportsFor(ctx: AuthContext | undefined): ReportName[] {
	if (!ctx?.office) return [];
	return REPORT_NAMES.filter((n) => !REPORTS[n].revenue || officeMay(ctx, 'see_revenue'));
}

/**
 * Runs one report for an office user, from the query string's filters. Security: the scope comes
 * from the caller's context, never the query; a location outside a manager's scope simply counts
 * nothing, as it holds none of their bookings or cleaners.
 */
export async function runReport(
	db: DbOrTx,
	name: string,
	query: Record<string, string>,
	ctx: AuthContext | undefined
): Promise<ReportResult> {
	const scope = ctx?.office;
	if (!scope)
		return { ok: false, status: 403, code: 'FORBIDDEN', message: 'Reports are for the office' };
	if (!isReportName(name))
		return {
			ok: false,
			status: 404,
			code: 'NOT_FOUND',
			message: `No report called "${name}": one of ${REPORT_NAMES.join(', ')}`,
			fields: { report: [`One of ${REPORT_NAMES.join(', ')}`] }
		};
	const report = REPORTS[name];
	if (report.revenue && !officeMay(ctx, 'see_revenue'))
		return { ok: false, status: 403, code: 'FORBIDDEN', message: 'You may not see revenue' };
	const parsed = reportQuery.safeParse(query);
	if (!parsed.success) return invalid(parsed.error);
	const settings = await loadSettings(db);
	const filters = filtersOf(parsed.data, settings.timeZone);
	return {
		ok: true,
		name,
		title: report.title,
		filters,
		table: await report.run(db, scope, filters)
	};
}

function invalid(error: z.ZodError): ReportResult {
	return {
		ok: false,
		status: 400,
		code: 'VALIDATION_ERROR',
		message: 'Some of the filters are not valid',
		fields: fieldErrors(error)
	};
}
