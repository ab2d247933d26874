/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { base, build, files, prerendered, version } from '$service-worker';
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';

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

// Pages are rendered by the server for the signed-in user, so they always come from the network
// and are never stored; only when the network fails does the shell stand in. /api is left alone
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
