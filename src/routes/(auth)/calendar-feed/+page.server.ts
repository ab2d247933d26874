import { fail, redirect } from '@sveltejs/kit';
import { contextOf } from '$server/api/context.ts';
import {
	mayConnect,
	saveCalendarChoice,
	syncNow,
	syncPageData
} from '$server/calendar/connect-flow.ts';
import { disconnect } from '$server/calendar/connections.ts';
import { createFeed, liveFeed, revokeFeed } from '$server/calendar/feeds.ts';
import { database } from '$server/db/client.ts';
import type { Actions, PageServerLoad } from './$types';

// A signed-in user's calendars: two-way sync with Google or Outlook (cleaners and the office),
// and the subscribable feed (everyone): make one (its URL shown once) or revoke it.

export const load: PageServerLoad = async ({ locals, url }) => {
	const ctx = await contextOf(locals.user);
	if (!ctx) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname)}`);
	const db = database().db;
	const feed = await liveFeed(db, ctx.userID);
	return {
		since: feed ? feed.createdAt.getTime() : null,
		sync: await syncPageData(db, ctx, url.searchParams.has('change')),
		connected: url.searchParams.has('connected'),
		problem: url.searchParams.get('problem')
	};
};

async function signedIn(locals: App.Locals) {
	const ctx = await contextOf(locals.user);
	if (!ctx) redirect(303, '/sign-in');
	return ctx;
}

export const actions: Actions = {
	create: async ({ locals, url }) => {
		const ctx = await signedIn(locals);
		const { token } = await createFeed(database().db, ctx);
		const https = new URL(`/calendar/${token}.ics`, url.origin).href;
		return { created: { https, webcal: https.replace(/^https?:/, 'webcal:') } };
	},
	revoke: async ({ locals }) => {
		const ctx = await signedIn(locals);
		return { revoked: await revokeFeed(database().db, ctx) };
	},
	choose: async ({ locals, request }) => {
		const ctx = await signedIn(locals);
		if (!mayConnect(ctx))
			return fail(403, { syncProblem: 'Calendar sync is not for this account' });
		const calendarId = (await request.formData()).get('calendar');
		if (typeof calendarId !== 'string' || !calendarId)
			return fail(422, { syncProblem: 'Choose a calendar' });
		const saved = await saveCalendarChoice(database().db, ctx, calendarId);
		if (!saved.ok) return fail(422, { syncProblem: saved.message });
		redirect(303, '/calendar-feed');
	},
	sync: async ({ locals }) => {
		const ctx = await signedIn(locals);
		await syncNow(database().db, ctx.userID);
		return { syncQueued: true };
	},
	disconnect: async ({ locals }) => {
		const ctx = await signedIn(locals);
		const db = database().db;
		await db.transaction((tx) => disconnect(tx, ctx));
		return { disconnected: true };
	}
};
