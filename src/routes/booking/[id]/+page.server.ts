import { error, fail } from '@sveltejs/kit';
import { contextOf } from '$server/api/context.ts';
import { runMutation } from '$server/api/mutations.ts';
import { manageView } from '$server/booking/manage-view.ts';
import { paypalOffered, stripeSettings } from '$server/payments/gateways.ts';
import { database } from '$server/db/client.ts';
import { config } from '$server/env.ts';
import { serverMutators } from '$server/zero/mutators.ts';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

const uuid = z.uuid();

// The customer's page for one booking, reached by the link in their confirmation (?token=) or
// signed in: see it, pay, add it to a calendar, change the time or cancel within the policy.
export const load: PageServerLoad = async ({ params, url, locals }) => {
	const token = url.searchParams.get('token') ?? undefined;
	const ctx = await contextOf(locals.user);
	const view = uuid.safeParse(params.id).success
		? await manageView(database().db, params.id, ctx, token, Date.now())
		: null;
	if (!view) error(404, 'No booking with this link: check the link in your confirmation email');
	return {
		booking: view,
		stripeJsUrl: stripeSettings().jsUrl,
		// PayPal beside the card only when the server has all its keys.
		paypal: paypalOffered(),
		zero: { cacheURL: config.zeroPublicUrl(), userID: locals.user?.id, context: ctx }
	};
};

/** A refusal from the shared mutator, as the form shows it. */
async function refusal(response: Response) {
	const body = await response.json();
	return fail(response.status, { message: body.error.message as string });
}

export const actions: Actions = {
	cancel: async ({ params, request, locals }) => {
		const form = await request.formData();
		const token = String(form.get('token') ?? '') || undefined;
		const refused = await runMutation(
			serverMutators.booking.cancel,
			{ id: params.id, token },
			await contextOf(locals.user)
		);
		if (refused) return refusal(refused);
		return { done: 'cancelled' as const };
	},
	reschedule: async ({ params, request, locals }) => {
		const form = await request.formData();
		const token = String(form.get('token') ?? '') || undefined;
		const startTime = Number(form.get('start'));
		if (!Number.isInteger(startTime)) return fail(400, { message: 'Choose a new time first' });
		const refused = await runMutation(
			serverMutators.booking.reschedule,
			{ id: params.id, startTime, token },
			await contextOf(locals.user)
		);
		if (refused) return refusal(refused);
		return { done: 'moved' as const };
	}
};
