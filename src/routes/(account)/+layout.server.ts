import { redirect } from '@sveltejs/kit';
import { contextOf } from '$server/api/context.ts';
import { config } from '$server/env.ts';
import type { LayoutServerLoad } from './$types';

// The customer's own pages: signed-in people only (others see theirs in the office).
export const load: LayoutServerLoad = async ({ locals, url }) => {
	if (!locals.user) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname)}`);
	return {
		user: locals.user,
		zero: {
			cacheURL: config.zeroPublicUrl(),
			userID: locals.user.id,
			context: await contextOf(locals.user)
		}
	};
};
