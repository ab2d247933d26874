import { error } from '@sveltejs/kit';
import { authContextFor } from '$server/auth/context.ts';
import { database } from '$server/db/client.ts';
import { reportsPage } from '$server/reports/page.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { db } = database();
	const ctx = locals.user ? await authContextFor(db, locals.user) : null;
	if (!ctx?.office) error(403, 'Reports are for the office');
	return reportsPage(db, url, ctx, Date.now());
};
