import { error, redirect } from '@sveltejs/kit';
import { contextOf } from '$server/api/context.ts';
import { connectionOf } from '$server/calendar/connections.ts';
import { database } from '$server/db/client.ts';
import { config } from '$server/env.ts';
import type { LayoutServerLoad } from './$types';

// The field app: cleaners only.
export const load: LayoutServerLoad = async ({ locals, url, untrack }) => {
	// Not tracked: the data is the same on every field page, so moving between them asks nothing.
	const path = untrack(() => url.pathname);
	if (!locals.user) redirect(303, `/sign-in?next=${encodeURIComponent(path)}`);
	if (locals.user.role !== 'staff') error(403, 'The field app is for cleaners');
	const context = await contextOf(locals.user);
	if (!context?.staffID) error(403, 'This account is not linked to a cleaner: ask the office');
	const calendar = await connectionOf(database().db, locals.user.id);
	return {
		zero: { cacheURL: config.zeroPublicUrl(), userID: locals.user.id, context },
		/** The cleaner's calendar sync stopped (grant revoked or expired): say so on every page. */
		calendarBroken: calendar?.status === 'broken'
	};
};
