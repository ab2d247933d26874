import { fail, redirect } from '@sveltejs/kit';
import { startSession } from '$server/auth/request.ts';
import { challengedUser, finishChallenge } from '$server/auth/sign-in-cookie.ts';
import { codeStep } from '$server/auth/sign-in-flow.ts';
import { database } from '$server/db/client.ts';
import { homeFor, safeReturnPath } from '$lib/home.ts';
import type { Actions, PageServerLoad } from './$types';

// The second step: the password was right; the session starts once the code is.

export const load: PageServerLoad = async ({ cookies }) => {
	const user = await challengedUser(cookies);
	if (!user) redirect(303, '/sign-in');
	return { email: user.email };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const user = await challengedUser(cookies);
		if (!user) redirect(303, '/sign-in');
		const form = await request.formData();
		const result = await codeStep(
			database().db,
			user,
			String(form.get('code') ?? ''),
			getClientAddress()
		);
		if (!result.ok)
			return fail(result.code === 'RATE_LIMITED' ? 429 : 400, {
				message: result.message,
				fields: result.fields
			});
		await finishChallenge(cookies);
		await startSession(cookies, user.id);
		redirect(303, safeReturnPath(url.searchParams.get('next')) ?? homeFor(user.role));
	}
};
