import type { z } from 'zod';
import { fail } from './envelope.ts';

/** Field → messages, keyed by the first path segment ('body' for the input as a whole). */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
	const fields: Record<string, string[]> = {};
	for (const issue of error.issues) {
		const field = issue.path.length ? String(issue.path[0]) : 'body';
		(fields[field] ??= []).push(issue.message);
	}
	return fields;
}

export function validationFailed(error: z.ZodError, status = 400) {
	return fail(status, 'VALIDATION_ERROR', 'Some of the details are not valid', fieldErrors(error));
}

/** Query parameters as a plain object; a repeated parameter is kept as its last value. */
export function queryObject(url: URL): Record<string, string> {
	return Object.fromEntries(url.searchParams.entries());
}
