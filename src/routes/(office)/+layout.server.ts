import { error, redirect } from '@sveltejs/kit';
import { authContextFor } from '$server/auth/context.ts';
import { brokenConnections } from '$server/calendar/connections.ts';
import { database } from '$server/db/client.ts';
import { config } from '$server/env.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	if (!locals.user) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname)}`);
	if (locals.user.role !== 'admin' && locals.user.role !== 'manager') {
		error(403, 'The office is for admins and managers');
	}
	const db = database().db;
	const context = await authContextFor(db, locals.user);
	return {
		zero: { cacheURL: config.zeroPublicUrl(), context },
		/** Calendar connections that stopped syncing, shown on every office page until mended. */
		brokenCalendars: await brokenConnections(db, context)
	};
};
