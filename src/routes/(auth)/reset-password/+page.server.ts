import { fail, redirect } from '@sveltejs/kit';
import { confirmPasswordReset } from '$server/auth/password-reset.ts';
import { database } from '$server/db/client.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
	default: async ({ request, getClientAddress }) => {
		const form = Object.fromEntries(await request.formData());
		const result = await confirmPasswordReset(database().db, form, getClientAddress());
		if (!result.ok)
			return fail(result.code === 'RATE_LIMITED' ? 429 : 400, {
				message: result.message,
				fields: result.fields
			});
		redirect(303, '/sign-in?reset=1');
	}
};
