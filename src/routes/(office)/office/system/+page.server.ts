import { error } from '@sveltejs/kit';
import { database } from '$server/db/client.ts';
import { systemHealth } from '$server/observe/system-health.ts';
import { isAdmin } from '$sync/auth.ts';
import type { PageServerLoad } from './$types';

// How the system is doing, in plain words: the job queue, workers, calendar connections and
// notifications of the whole business. Admins only.
export const load: PageServerLoad = async ({ parent }) => {
	const { zero } = await parent();
	if (!isAdmin(zero.context)) error(403, 'The system page is for admins');
	return { health: await systemHealth(database(), zero.context) };
};
