import { fail, redirect } from '@sveltejs/kit';
import { groupedSecret, totpQrDataUrl } from '$server/auth/qr.ts';
import {
	checkSecondFactor,
	confirmEnrolment,
	enrolmentSecret,
	recoveryCodesLeft,
	totpState,
	turnOffTotp
} from '$server/auth/totp.ts';
import { database } from '$server/db/client.ts';
import type { Actions, PageServerLoad } from './$types';

// Two-step sign-in for a signed-in office user: on for admins always, offered to managers.

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = locals.user;
	if (!user) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname)}`);
	const { db } = database();
	const state = await totpState(db, user.id);
	if (state === 'on')
		return { state, required: user.role === 'admin', left: await recoveryCodesLeft(db, user.id) };
	const secret = await enrolmentSecret(db, user.id);
	if (!secret) return { state: 'on' as const, required: user.role === 'admin', left: 0 };
	return {
		state,
		required: user.role === 'admin',
		secret: groupedSecret(secret),
		qr: await totpQrDataUrl(secret, user.email)
	};
};

export const actions: Actions = {
	confirm: async ({ request, locals }) => {
		if (!locals.user) redirect(303, '/sign-in');
		const code = String((await request.formData()).get('code') ?? '');
		const result = await confirmEnrolment(database().db, locals.user.id, code);
		if (!result.ok)
			return fail(400, { message: result.message, fields: { code: [result.message] } });
		return { recoveryCodes: result.recoveryCodes };
	},
	// Turning it off asks for a current code, so a session left open is not enough.
	off: async ({ request, locals }) => {
		if (!locals.user) redirect(303, '/sign-in');
		if (locals.user.role === 'admin')
			return fail(403, { message: 'Admins must keep two-step sign-in on', fields: {} });
		const { db } = database();
		const code = String((await request.formData()).get('code') ?? '');
		const check = await checkSecondFactor(db, locals.user.id, code);
		if (!check.ok) {
			const message = 'That code is not right: type the 6 digits your app shows now';
			return fail(400, { message, fields: { offCode: [message] } });
		}
		await turnOffTotp(db, locals.user.id);
		return { off: true };
	}
};
