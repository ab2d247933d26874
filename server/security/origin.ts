// Cross-site request refusal for everything that changes state, JSON endpoints included (SvelteKit
// checks only form posts). The rule is the one Go's net/http CrossOriginProtection uses:
//   - GET, HEAD and OPTIONS change nothing: allowed.
//   - Sec-Fetch-Site, when the browser sends it, decides: `same-origin` or `none` (typed in the
//     address bar, a bookmark) pass, `same-site` and `cross-site` are refused.
//   - Else Origin, when present, must be one of ours.
//   - Neither header: not a browser (browsers send Origin on every cross-origin POST), so not a
//     forged request riding someone's cookie: allowed. curl, the REST clients and Stripe land here.
// Bearer-token calls (checked by the token) and Stripe's webhook (checked by its signature) are
// exempt by path or header before this rule runs.
//
// zero-cache calls /api/zero/query and /api/zero/mutate itself, forwarding the Origin header of the
// browser's WebSocket (node_modules/@rocicorp/zero/out/zero-cache/src/workers/connect-params.js
// takes `headers.origin` and custom/fetch.js sets it on the call when there was one). A browser
// always sends Origin on a WebSocket, so a page on another site that opens one to our zero-cache
// is refused here; a call with no Origin comes from a non-browser client, which has no victim's
// cookie to ride.

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Paths whose callers prove themselves otherwise (Stripe signs its webhook). */
const EXEMPT_PATHS = [/^\/api\/v1\/payments\/webhook\/?$/];

export type OriginCheck = { ok: true } | { ok: false; reason: string };

export function checkOrigin(
	method: string,
	path: string,
	headers: Headers,
	allowedOrigins: readonly string[]
): OriginCheck {
	if (!UNSAFE.has(method.toUpperCase())) return { ok: true };
	if (EXEMPT_PATHS.some((p) => p.test(path))) return { ok: true };
	if (/^Bearer\s/i.test(headers.get('authorization') ?? '') && !headers.get('cookie'))
		return { ok: true };
	const site = headers.get('sec-fetch-site');
	const origin = headers.get('origin');
	if (site) {
		if (site === 'same-origin' || site === 'none') return { ok: true };
		// A same-site page on another port or subdomain is still another origin; its Origin says which.
		if (origin && allowedOrigins.includes(origin)) return { ok: true };
		return { ok: false, reason: `a ${site} request from ${origin ?? 'an unnamed origin'}` };
	}
	if (origin === null) return { ok: true };
	if (allowedOrigins.includes(origin)) return { ok: true };
	return { ok: false, reason: `a request from ${origin}` };
}

/** The app's own origins: the address it was reached at and the public one configured. */
export function allowedOrigins(requestOrigin: string, publicUrl: string, extra = ''): string[] {
	const list = [requestOrigin, new URL(publicUrl).origin];
	for (const item of extra
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean))
		list.push(new URL(item).origin);
	return [...new Set(list)];
}
