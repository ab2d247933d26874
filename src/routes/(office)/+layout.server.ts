import { error, redirect } from '@sveltejs/kit';
import { authContextFor } from '$server/auth/context.ts';
import { database } from '$server/db/client.ts';
import { config } from '$server/env.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	if (!locals.user) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname)}`);
	if (locals.user.role !== 'admin' && locals.user.role !== 'manager') {
		error(403, 'The office is for admins and managers');
	}
	return {
		zero: {
			cacheURL: config.zeroPublicUrl(),
			context: await authContextFor(database().db, locals.user)
		}
	};
};
