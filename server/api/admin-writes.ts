import { z } from 'zod';
import type { AuthContext } from '../../sync/auth.ts';
import { officeCaller } from './admin-query.ts';
import { fail } from './envelope.ts';
import { parseJsonBody, type Parsed } from './validation.ts';

// What the office's REST writes (admin-*-writes.ts) share: the path's id, the body checked with
// every bad or unknown field named in REST spelling (bodies in admin-bodies.ts), and 201 for what
// was made.

/** The id in the path, or the 422 naming it. */
function badId(id: string): Response | null {
	if (z.uuid().safeParse(id).success) return null;
	return fail(422, 'VALIDATION_ERROR', 'Some of the details are not valid', {
		id: ['Give the id as a UUID']
	});
}

/**
 * The office caller of a write to one item (officeCaller), and then its id in the path: who is
 * asking is answered first (401, 403), a malformed id after (422).
 */
export function officeCallerOf(ctx: AuthContext | undefined, id: string) {
	const who = officeCaller(ctx);
	if (!who.ok) return who;
	const wrongId = badId(id);
	return wrongId ? { ok: false as const, response: wrongId } : who;
}

/** Bodies with a cleaner's week or a service's questions may be longer than the usual 16 KiB. */
export const LARGE_BODY_BYTES = 64 * 1024;

/** The JSON body by `schema`: 413 over `maxBytes`, 400 not JSON, 422 naming each field. */
export const parseWriteBody = <T>(request: Request, schema: z.ZodType<T>, maxBytes?: number) =>
	parseJsonBody(request, schema, maxBytes, true) as Promise<Parsed<T>>;

/** A read of what was just made, answered as made (201) rather than read (200). */
export async function created(read: Promise<Response>): Promise<Response> {
	const response = await read;
	if (response.status !== 200) return response;
	return new Response(response.body, { status: 201, headers: response.headers });
}
