// Security headers on every answer. The page CSP itself comes from SvelteKit (kit.csp in
// svelte.config.js, mode 'auto': a nonce on each server-rendered page's inline script, hashes in
// prerendered ones). What is only known when the server runs is added here, to server-rendered
// pages: zero-cache's address (another port, set by ZERO_PUBLIC_URL) and Stripe's when payments go
// through Stripe. Prerendered pages (the offline shell) carry their CSP in a <meta> tag written at
// build time, so kit's config leaves out default-src and connect-src: a shell restricted to 'self'
// could not reach zero-cache once the signal is back.

export type RuntimeSources = {
	/** e.g. http://localhost:4848 — Zero's client talks to it over ws:// (and http:// for a probe). */
	zeroUrl: string;
	/** Stripe.js's address when Stripe is configured; its origin is then allowed to load and frame. */
	stripeJsUrl: string | null;
};

type Directives = Map<string, string[]>;

function parse(policy: string): Directives {
	const map: Directives = new Map();
	for (const part of policy.split(';')) {
		const [name, ...values] = part.trim().split(/\s+/);
		if (name) map.set(name.toLowerCase(), values);
	}
	return map;
}

const serialise = (map: Directives) =>
	[...map].map(([name, values]) => [name, ...values].join(' ')).join('; ');

function add(map: Directives, name: string, ...sources: string[]) {
	const values = map.get(name) ?? [];
	for (const s of sources) if (!values.includes(s)) values.push(s);
	map.set(name, values);
}

/** The ws:// (or wss://) twin of an http(s) origin. */
const socketOrigin = (origin: string) => origin.replace(/^http/, 'ws');

/** The server-rendered page's policy, with the sources only known at run time added. */
export function completePolicy(policy: string, sources: RuntimeSources): string {
	const map = parse(policy);
	add(map, 'default-src', "'self'");
	const zero = new URL(sources.zeroUrl).origin;
	add(map, 'connect-src', "'self'", zero, socketOrigin(zero));
	add(map, 'frame-src', "'self'");
	if (sources.stripeJsUrl) {
		const stripe = new URL(sources.stripeJsUrl).origin;
		add(map, 'script-src', stripe);
		add(map, 'frame-src', stripe);
		add(map, 'connect-src', stripe);
		if (stripe === 'https://js.stripe.com') {
			add(map, 'connect-src', 'https://api.stripe.com');
			add(map, 'frame-src', 'https://hooks.stripe.com');
		}
	}
	return serialise(map);
}

/**
 * Adds the headers every answer gets; an HTML page's CSP is completed, anything else that has none
 * gets `frame-ancestors 'none'` alone (a JSON or PDF answer has no scripts to restrict).
 */
export function secureResponse(response: Response, sources: RuntimeSources): Response {
	const set = (headers: Headers) => {
		headers.set('x-content-type-options', 'nosniff');
		headers.set('referrer-policy', 'strict-origin-when-cross-origin');
		headers.set('x-frame-options', 'DENY');
		const policy = headers.get('content-security-policy');
		if (policy) headers.set('content-security-policy', completePolicy(policy, sources));
		else headers.set('content-security-policy', "frame-ancestors 'none'");
	};
	try {
		set(response.headers);
		return response;
	} catch {
		// Headers of a fetched response are immutable: copy it.
		const copy = new Response(response.body, response);
		set(copy.headers);
		return copy;
	}
}
