import { notFound } from '$server/api/envelope.ts';
import type { RequestHandler } from './$types';

// Any /api path no route claims: the REST error envelope, not the HTML error page.
export const fallback: RequestHandler = () => notFound();

// REST paths answer with or without a trailing slash (spec §5.1 writes them with one).
export const trailingSlash = 'ignore';
