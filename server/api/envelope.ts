import { json } from '@sveltejs/kit';

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
