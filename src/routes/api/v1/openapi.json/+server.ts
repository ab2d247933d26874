import { json } from '@sveltejs/kit';
import { openApiDocument } from '$server/api/openapi.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () =>
	json(openApiDocument, { headers: { 'cache-control': 'public, max-age=300' } });

// REST paths answer with or without a trailing slash (spec §5.1 writes them with one).
export const trailingSlash = 'ignore';
