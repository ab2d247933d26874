import { contextOf } from '$server/api/context.ts';
import { apiFieldEvents } from '$server/field/api.ts';
import type { RequestHandler } from './$types';

/** POST /api/field/events — a cleaner's device sends its waiting field events (the app's own path). */
export const POST: RequestHandler = async ({ request, locals }) =>
	apiFieldEvents(request, await contextOf(locals.user));
