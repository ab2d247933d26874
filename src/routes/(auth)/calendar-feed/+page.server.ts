import { redirect } from '@sveltejs/kit';
import { contextOf } from '$server/api/context.ts';
import { createFeed, liveFeed, revokeFeed } from '$server/calendar/feeds.ts';
import { database } from '$server/db/client.ts';
import type { Actions, PageServerLoad } from './$types';

// Any signed-in user's calendar feed: make one (its URL shown once) or revoke it.

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname)}`);
	const feed = await liveFeed(database().db, locals.user.id);
	return { since: feed ? feed.createdAt.getTime() : null };
};

export const actions: Actions = {
	create: async ({ locals, url }) => {
		const ctx = await contextOf(locals.user);
		if (!ctx) redirect(303, '/sign-in');
		const { token } = await createFeed(database().db, ctx);
		const https = new URL(`/calendar/${token}.ics`, url.origin).href;
		return { created: { https, webcal: https.replace(/^https?:/, 'webcal:') } };
	},
	revoke: async ({ locals }) => {
		const ctx = await contextOf(locals.user);
		if (!ctx) redirect(303, '/sign-in');
		return { revoked: await revokeFeed(database().db, ctx) };
	}
};
