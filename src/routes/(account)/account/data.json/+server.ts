import { error } from '@sveltejs/kit';
import { exportAccountData } from '$server/account/export.ts';
import { database } from '$server/db/client.ts';
import type { RequestHandler } from './$types';

/** GET /account/data.json — everything we hold about the signed-in person, as a download. */
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.user) error(401, 'Sign in to download your data');
	const data = await exportAccountData(database().db, locals.user.id, Date.now());
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': 'attachment; filename="valclean-my-data.json"',
			'cache-control': 'no-store'
		}
	});
};
