/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { base, build, files, prerendered, version } from '$service-worker';
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import { FIELD_CACHE } from '$lib/pwa/caches.ts';

declare const self: ServiceWorkerGlobalScope;

/** The prerendered page shown, at the address asked for, when a navigation finds no network. */
const SHELL = `${base}/offline`;

// Vite's files under _app/immutable carry a content hash in their names, so the URL alone is their
// revision and a new deployment re-downloads only what changed; the rest change with `version`.
const immutable = `${base}/_app/immutable/`;
precacheAndRoute([
	...build.map((url) => ({ url, revision: url.startsWith(immutable) ? null : version })),
	...[...files, ...prerendered].map((url) => ({ url, revision: version }))
]);
cleanupOutdatedCaches();

// The field app opens with no signal: its pages are rendered in the browser (ssr = false in the
// (staff) layout), so every one of them is the same shell plus the same layout data (who is signed
// in, how to reach Zero), and its jobs come from Zero's store in IndexedDB. Both are fetched from
// the network first and kept, one copy each, for when the network fails. The copy is the signed-in
// cleaner's own; signing out deletes it (src/lib/pwa/wipe.ts). Only a real page or real data is
// kept: never a redirect to sign-in, an error, or another person's refusal.
const FIELD_SHELL = `${base}/field`;
const FIELD_DATA = `${base}/field/__data.json`;
/** A phone with a weak signal waits this long before opening from the copy. */
const FIELD_NETWORK_TIMEOUT_MS = 4_000;

const inFieldApp = (url: URL) =>
	url.origin === self.location.origin &&
	(url.pathname === FIELD_SHELL || url.pathname.startsWith(`${FIELD_SHELL}/`));

async function fromNetworkKeeping(
	request: Request,
	key: string,
	keep: (r: Response) => Promise<boolean>
) {
	const cache = await caches.open(FIELD_CACHE);
	try {
		const response = await Promise.race([
			fetch(request),
			new Promise<never>((_, reject) =>
				setTimeout(() => reject(new Error('timeout')), FIELD_NETWORK_TIMEOUT_MS)
			)
		]);
		if (response.ok && !response.redirected && (await keep(response.clone()))) {
			await cache.put(key, response.clone());
		}
		return response;
	} catch {
		return (await cache.match(key)) ?? null;
	}
}

registerRoute(
	({ request, url }) => request.mode === 'navigate' && inFieldApp(url),
	async ({ request }) =>
		(await fromNetworkKeeping(request, FIELD_SHELL, async () => true)) ??
		(await matchPrecache(SHELL)) ??
		Response.error()
);
registerRoute(
	({ url }) => inFieldApp(url) && url.pathname.endsWith('/__data.json'),
	async ({ request }) =>
		(await fromNetworkKeeping(request, FIELD_DATA, async (r) => {
			// Kit answers a redirect, or a layout's error, with status 200 too: keep only data.
			const first = (await r.text()).split('\n', 1)[0];
			try {
				const body = JSON.parse(first) as { type: string; nodes?: ({ type: string } | null)[] };
				return body.type === 'data' && !body.nodes?.some((n) => n?.type === 'error');
			} catch {
				return false;
			}
		})) ?? Response.error()
);

// Other pages are rendered by the server for the signed-in user, so they always come from the
// network and are never stored; only when the network fails does the shell stand in. /api is left alone
// (as are all other requests: no route matches them, so the browser fetches them as usual).
const network = new NetworkOnly();
registerRoute(
	new NavigationRoute(
		async (options) => {
			try {
				return await network.handle(options);
			} catch {
				return (await matchPrecache(SHELL)) ?? Response.error();
			}
		},
		{ denylist: [new RegExp(`^${base}/api(/|$)`)] }
	)
);

// The first install controls open tabs at once; later versions wait until the person chooses
// "Reload" (ServiceWorker.svelte), so a page never runs against another version's files.
clientsClaim();
self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
