import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { claimable, claimBookings } from '$server/account/claim.ts';
import { register } from '$server/auth/accounts.ts';
import { startSession } from '$server/auth/request.ts';
import { database } from '$server/db/client.ts';
import { homeFor } from '$lib/home.ts';
import type { Actions, PageServerLoad } from './$types';

// From a confirmation's "create an account" link (?booking=&token=): the form starts filled in,
// and the new account takes over that booking's customer record and all its bookings.
const claimLink = z.object({ booking: z.uuid(), token: z.uuid() });

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, homeFor(locals.user.role));
	const link = claimLink.safeParse(Object.fromEntries(url.searchParams));
	const guest = link.success
		? await claimable(database().db, link.data.booking, link.data.token)
		: null;
	return { guest: guest && { name: guest.name, email: guest.email, ...link.data } };
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const form = Object.fromEntries(await request.formData());
		const { db } = database();
		const result = await register(db, form);
		if (!result.ok) {
			return fail(400, {
				name: String(form.name ?? ''),
				email: String(form.email ?? ''),
				message: result.message,
				fields: result.fields
			});
		}
		const link = claimLink.safeParse(Object.fromEntries(url.searchParams));
		if (link.success) await claimBookings(db, result.user, link.data.booking, link.data.token);
		await startSession(cookies, result.user.id);
		redirect(303, homeFor(result.user.role));
	}
};
