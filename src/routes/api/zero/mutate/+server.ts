import { json } from '@sveltejs/kit';
import { zeroEndpoint } from '$server/zero/endpoint.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, locals }) =>
	json(await zeroEndpoint('mutate', request, locals.user));

// REST paths answer with or without a trailing slash (spec §5.1 writes them with one).
export const trailingSlash = 'ignore';
