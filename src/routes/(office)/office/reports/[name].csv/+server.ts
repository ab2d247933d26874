import { error } from '@sveltejs/kit';
import { authContextFor } from '$server/auth/context.ts';
import { database } from '$server/db/client.ts';
import { reportCsv } from '$server/reports/csv.ts';
import { runReport } from '$server/reports/run.ts';
import type { RequestHandler } from './$types';

/** GET /office/reports/<name>.csv?from=&to=&location= — one report as a CSV download. */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const { db } = database();
	const ctx = locals.user ? await authContextFor(db, locals.user) : undefined;
	const query = Object.fromEntries(url.searchParams.entries());
	const result = await runReport(db, params.name, query, ctx);
	if (!result.ok) {
		const fields = Object.entries(result.fields ?? {}).map(([k, v]) => `${k}: ${v.join(' ')}`);
		error(result.status, [result.message, ...fields].join('; '));
	}
	const { from, to } = result.filters;
	return new Response(reportCsv(result.table), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${result.name}-${from}-to-${to}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
