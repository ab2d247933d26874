import { dev } from '$app/environment';
import { fail, redirect } from '@sveltejs/kit';
import { startSession } from '$server/auth/request.ts';
import { startChallenge } from '$server/auth/sign-in-cookie.ts';
import { passwordStep } from '$server/auth/sign-in-flow.ts';
import { database } from '$server/db/client.ts';
import {
	DEMO_ADMIN_TOTP_SECRET,
	DEMO_PASSWORD,
	DEMO_SIGN_INS
} from '$drizzle/seed/demo-accounts.ts';
import { homeFor, safeReturnPath } from '$lib/home.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, homeFor(locals.user.role));
	return {
		reset: url.searchParams.get('reset') === '1',
		// The demo's sign-ins, on the development server only.
		demo: dev
			? { password: DEMO_PASSWORD, adminTotpSecret: DEMO_ADMIN_TOTP_SECRET, signIns: DEMO_SIGN_INS }
			: null
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = Object.fromEntries(await request.formData());
		const step = await passwordStep(database().db, form, getClientAddress());
		if (!step.ok)
			return fail(step.code === 'RATE_LIMITED' ? 429 : 400, {
				email: String(form.email ?? ''),
				message: step.message,
				fields: step.fields
			});
		const next = safeReturnPath(url.searchParams.get('next'));
		if (step.next === 'session') {
			await startSession(cookies, step.user.id);
			redirect(303, next ?? homeFor(step.user.role));
		}
		// A second step: no session yet, only the right to take it.
		await startChallenge(cookies, step.user.id);
		const page = step.next === 'code' ? '/sign-in/code' : '/sign-in/enrol';
		redirect(303, next ? `${page}?next=${encodeURIComponent(next)}` : page);
	}
};
