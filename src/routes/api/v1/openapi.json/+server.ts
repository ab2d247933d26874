import { json } from '@sveltejs/kit';
import { openApiDocument } from '$server/api/openapi.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () =>
	json(openApiDocument, { headers: { 'cache-control': 'public, max-age=300' } });
