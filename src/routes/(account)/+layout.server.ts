import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

// The customer's own pages: signed-in people only (others see theirs in the office).
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (!locals.user) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname)}`);
	return { user: locals.user };
};
