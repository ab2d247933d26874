import { fail, redirect } from '@sveltejs/kit';
import { groupedSecret, totpQrDataUrl } from '$server/auth/qr.ts';
import { startSession } from '$server/auth/request.ts';
import { challengedUser, finishChallenge } from '$server/auth/sign-in-cookie.ts';
import { confirmEnrolment, enrolmentSecret, totpState } from '$server/auth/totp.ts';
import { database } from '$server/db/client.ts';
import { homeFor, safeReturnPath } from '$lib/home.ts';
import type { Actions, PageServerLoad } from './$types';

// An admin without two-step sign-in, right after their password: they enrol here before any
// session exists, so they can do nothing else first.

export const load: PageServerLoad = async ({ cookies, locals }) => {
	const user = await challengedUser(cookies);
	// Just enrolled: the action ended the challenge and started the session; the page shows the
	// recovery codes it returned.
	if (!user && locals.user) return { home: homeFor(locals.user.role) };
	if (!user) redirect(303, '/sign-in');
	const { db } = database();
	if ((await totpState(db, user.id)) === 'on') redirect(303, '/sign-in/code');
	const secret = await enrolmentSecret(db, user.id);
	if (!secret) redirect(303, '/sign-in/code');
	return {
		email: user.email,
		secret: groupedSecret(secret),
		qr: await totpQrDataUrl(secret, user.email)
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals }) => {
		const user = await challengedUser(cookies);
		if (!user) redirect(303, '/sign-in');
		const form = await request.formData();
		const result = await confirmEnrolment(database().db, user.id, String(form.get('code') ?? ''));
		if (!result.ok)
			return fail(400, { message: result.message, fields: { code: [result.message] } });
		await finishChallenge(cookies);
		await startSession(cookies, user.id);
		// The page's load runs again in this request: it finds the user signed in.
		locals.user = user;
		return {
			recoveryCodes: result.recoveryCodes,
			continueTo: safeReturnPath(url.searchParams.get('next')) ?? homeFor(user.role)
		};
	}
};
