import type { AuthContext } from '../../sync/auth.ts';
import { database } from '../db/client.ts';
import { runReport } from '../reports/run.ts';
import { fail, ok } from './envelope.ts';
import { queryObject } from './validation.ts';

/**
 * GET /api/v1/admin/reports/?report=<name>&from=&to=[&location=]: one office report as rows, with
 * the same permission (revenue needs `see_revenue`) and scope as the office's reports page.
 */
export async function apiReport(url: URL, ctx: AuthContext | undefined) {
	if (!ctx) return fail(401, 'UNAUTHORIZED', 'Sign in as an office user to read reports');
	const { report = '', ...query } = queryObject(url);
	const result = await runReport(database().db, report, query, ctx);
	if (!result.ok) return fail(result.status, result.code, result.message, result.fields ?? {});
	const { filters: f, table } = result;
	return ok({
		report: result.name,
		title: result.title,
		from: f.from,
		to: f.to,
		time_zone: f.timeZone,
		location_id: f.locationId,
		columns: table.columns,
		rows: table.rows,
		total: table.total
	});
}
