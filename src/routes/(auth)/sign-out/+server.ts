import { redirect } from '@sveltejs/kit';
import { endSession } from '$server/auth/request.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ cookies, locals }) => {
	await endSession(cookies, locals.session?.id);
	redirect(303, '/sign-in');
};
