// Built once at build time, so the service worker can keep it and show it with no network.
export const prerender = true;
