import { json } from '@sveltejs/kit';

/** What any answer says while the database is out of reach (server/observe/database-outage.ts). */
export const UNAVAILABLE_MESSAGE =
	'VALClean is briefly unavailable; nothing was saved. Please try again in a few seconds';

// The REST envelope of spec §5.2.
const meta = () => ({ timestamp: new Date().toISOString(), version: '1.0' });

export function ok(data: unknown, status = 200) {
	return json({ success: true, data, meta: meta() }, { status });
}

export function fail(
	status: number,
	code: string,
	message: string,
	details: Record<string, unknown> = {}
) {
	return json({ success: false, error: { code, message, details }, meta: meta() }, { status });
}

/** The JSON body of a request, or null when it is not valid JSON. */
export async function readJson(request: Request): Promise<unknown> {
	try {
		return await request.json();
	} catch {
		return null;
	}
}

/**
 * The body of an unexpected error or unknown path (SvelteKit's handleError), the envelope under
 * /api. `unavailable`: the error was the database being out of reach.
 */
export function unexpectedErrorBody(
	path: string,
	status: number,
	message: string,
	unavailable = false
): App.Error {
	const [code, text] = unavailable
		? ['SERVICE_UNAVAILABLE', UNAVAILABLE_MESSAGE]
		: status === 404
			? ['NOT_FOUND', 'There is no such API endpoint']
			: status < 500
				? ['BAD_REQUEST', message]
				: ['INTERNAL_ERROR', 'Something went wrong on our side; nothing was saved'];
	if (!path.startsWith('/api/')) return { message: unavailable ? text : message };
	return {
		message: text,
		success: false,
		error: { code, message: text, details: {} },
		meta: meta()
	};
}

export function notFound() {
	return fail(404, 'NOT_FOUND', 'There is no such API endpoint');
}
