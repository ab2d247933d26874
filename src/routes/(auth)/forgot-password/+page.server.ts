import { fail } from '@sveltejs/kit';
import { requestPasswordReset, RESET_REQUESTED_MESSAGE } from '$server/auth/password-reset.ts';
import { database } from '$server/db/client.ts';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, getClientAddress }) => {
		const form = Object.fromEntries(await request.formData());
		const result = await requestPasswordReset(database().db, form, getClientAddress());
		if (!result.ok)
			return fail(result.code === 'RATE_LIMITED' ? 429 : 400, {
				email: String(form.email ?? ''),
				message: result.message,
				fields: result.fields
			});
		return { sent: RESET_REQUESTED_MESSAGE };
	}
};
