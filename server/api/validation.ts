import type { z } from 'zod';
import { fail } from './envelope.ts';

/**
 * Field → messages, keyed by the field's dotted path, e.g. `customer.email` ('body' for the whole).
 * With `unknownByName`, a field the endpoint does not take is named itself (`colour`), not 'body'.
 */
export function fieldErrors(error: z.ZodError, unknownByName = false): Record<string, string[]> {
	const fields: Record<string, string[]> = {};
	for (const issue of error.issues) {
		const at = issue.path.map(String);
		if (unknownByName && issue.code === 'unrecognized_keys') {
			for (const key of issue.keys)
				(fields[[...at, key].join('.')] ??= []).push('This endpoint does not take this field');
			continue;
		}
		const field = at.length ? at.join('.') : 'body';
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

export const MAX_BODY_BYTES = 16 * 1024;

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/**
 * A JSON request body checked against `schema`: 413 when it is too large, 400 when it is not JSON,
 * 422 naming each bad field. An empty body counts as `{}` (e.g. a cancel with the token in the URL).
 * `unknownByName`: see fieldErrors.
 */
export async function parseJsonBody<T>(
	request: Request,
	schema: z.ZodType<T>,
	maxBytes = MAX_BODY_BYTES,
	unknownByName = false
): Promise<Parsed<T>> {
	const declared = Number(request.headers.get('content-length') ?? 0);
	const text = declared > maxBytes ? null : await request.text();
	if (text === null || text.length > maxBytes) {
		return { ok: false, response: fail(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large') };
	}
	let json: unknown = {};
	if (text.trim() !== '') {
		try {
			json = JSON.parse(text);
		} catch {
			return {
				ok: false,
				response: fail(400, 'VALIDATION_ERROR', 'The request body must be JSON')
			};
		}
	}
	const parsed = schema.safeParse(json);
	if (!parsed.success) {
		const message = 'Some of the details are not valid';
		return {
			ok: false,
			response: fail(422, 'VALIDATION_ERROR', message, fieldErrors(parsed.error, unknownByName))
		};
	}
	return { ok: true, data: parsed.data };
}
