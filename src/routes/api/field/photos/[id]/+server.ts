import { contextOf } from '$server/api/context.ts';
import { apiGetFieldPhoto, apiPutFieldPhoto } from '$server/field/photo-api.ts';
import type { RequestHandler } from './$types';

/** PUT /api/field/photos/{id}?job={job id} — a cleaner's phone uploads a photo (idempotent by id). */
export const PUT: RequestHandler = async ({ request, url, params, locals }) =>
	apiPutFieldPhoto(request, url, params.id, await contextOf(locals.user));

/** GET /api/field/photos/{id} — the photo, for the job's cleaner and the office. */
export const GET: RequestHandler = async ({ params, locals }) =>
	apiGetFieldPhoto(params.id, await contextOf(locals.user));
