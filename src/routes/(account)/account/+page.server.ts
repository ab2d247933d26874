import { fail, redirect } from '@sveltejs/kit';
import { accountOverview } from '$server/account/overview.ts';
import { deleteAccount } from '$server/account/delete.ts';
import { saveProfile } from '$server/account/profile.ts';
import { endSession } from '$server/auth/request.ts';
import { database } from '$server/db/client.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	return { ...(await accountOverview(database().db, locals.user!.id)), now: Date.now() };
};

export const actions: Actions = {
	profile: async ({ request, locals }) => {
		const form = Object.fromEntries(await request.formData());
		const result = await saveProfile(database().db, locals.user!, form);
		if (!result.ok) return fail(400, { profile: { fields: result.fields, values: form } });
		return { profile: { saved: true } };
	},
	delete: async ({ request, locals, cookies }) => {
		const form = await request.formData();
		if (form.get('confirm') !== 'DELETE')
			return fail(400, { deletion: { message: 'Type DELETE to confirm' } });
		const result = await deleteAccount(database().db, locals.user!.id, Date.now());
		if (!result.ok) return fail(409, { deletion: { message: result.message } });
		// The sessions went with the account; the cookie goes too.
		await endSession(cookies, undefined);
		redirect(303, '/?account=deleted');
	}
};
