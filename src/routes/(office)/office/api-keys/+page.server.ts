import { error, fail } from '@sveltejs/kit';
import { createApiKey, listApiKeys, revokeApiKey } from '$server/auth/api-keys.ts';
import { authContextFor } from '$server/auth/context.ts';
import { database } from '$server/db/client.ts';
import type { Actions, PageServerLoad } from './$types';

// API keys for integrations (admins only; the office layout admits managers too).
export const load: PageServerLoad = async ({ parent }) => {
	const { zero } = await parent();
	const keys = await listApiKeys(database().db, zero.context);
	if (!keys) error(403, 'API keys are for admins');
	return {
		keys: keys.map((k) => ({
			...k,
			createdAt: k.createdAt.getTime(),
			lastUsedAt: k.lastUsedAt?.getTime() ?? null,
			revokedAt: k.revokedAt?.getTime() ?? null
		}))
	};
};

async function callerOf(user: App.Locals['user']) {
	return user ? authContextFor(database().db, user) : null;
}

export const actions: Actions = {
	/** Makes a key and answers it to this page once; only its hash is kept. */
	create: async ({ request, locals }) => {
		const ctx = await callerOf(locals.user);
		const form = Object.fromEntries(await request.formData());
		const refused = (status: number, message: string, fields: Record<string, string[]> = {}) =>
			fail(status, { create: { message, fields, values: form } });
		if (!ctx) return refused(401, 'Sign in again');
		const result = await createApiKey(database().db, ctx, form);
		if (!result.ok) return refused(result.status, result.message, result.fields);
		return { created: { id: result.id, key: result.key, name: String(form.name).trim() } };
	},
	revoke: async ({ request, locals }) => {
		const ctx = await callerOf(locals.user);
		if (!ctx) return fail(401, { revoke: { message: 'Sign in again' } });
		const id = String((await request.formData()).get('id') ?? '');
		const result = await revokeApiKey(database().db, ctx, id);
		if (!result.ok) return fail(result.status, { revoke: { message: result.message } });
		return { revoked: id };
	}
};
