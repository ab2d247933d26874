import { fail, redirect } from '@sveltejs/kit';
import { register } from '$server/auth/accounts.ts';
import { startSession } from '$server/auth/request.ts';
import { database } from '$server/db/client.ts';
import { homeFor } from '$lib/home.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, homeFor(locals.user.role));
};

export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const form = Object.fromEntries(await request.formData());
		const result = await register(database().db, form);
		if (!result.ok) {
			return fail(400, {
				name: String(form.name ?? ''),
				email: String(form.email ?? ''),
				message: result.message,
				fields: result.fields
			});
		}
		await startSession(cookies, result.user.id);
		redirect(303, homeFor(result.user.role));
	}
};
