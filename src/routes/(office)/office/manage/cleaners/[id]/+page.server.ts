import { fail } from '@sveltejs/kit';
import { authContextFor } from '$server/auth/context.ts';
import { database } from '$server/db/client.ts';
import { issueTemporaryPassword } from '$server/people/accounts.ts';
import type { Actions } from './$types';

export const actions: Actions = {
	/** A temporary password for the cleaner's account, answered once to this page. */
	password: async ({ locals, params }) => {
		if (!locals.user) return fail(401, { message: 'Sign in again' });
		const db = database().db;
		const ctx = await authContextFor(db, locals.user);
		const result = await issueTemporaryPassword(db, ctx, { kind: 'cleaner', staffId: params.id });
		if (!result.ok)
			return fail(result.code === 'FORBIDDEN' ? 403 : 409, { message: result.message });
		return { password: result.password };
	}
};
