import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// src/lib/pwa/ServiceWorker.svelte registers the worker with workbox-window, which also
		// offers the update prompt; kit's own registration would race it.
		serviceWorker: { register: false },
		// Absolute asset paths: offline, the worker serves the shell prerendered at /offline for any
		// URL, and its relative `./_app/…` would mean /office/_app/… when /office/jobs was asked for.
		paths: { relative: false },
		// Content Security Policy: kit puts a nonce on each server-rendered page's inline script and
		// hashes into prerendered ones. default-src, connect-src and frame-src are added when the
		// server runs (server/security/headers.ts): zero-cache's and Stripe's addresses are only
		// known then, and the prerendered offline shell must still reach zero-cache when back online.
		csp: {
			mode: 'auto',
			directives: {
				'script-src': ['self'],
				// Svelte sets style attributes and transitions write <style> elements.
				'style-src': ['self', 'unsafe-inline'],
				// data: for the enrolment QR code, blob: for photos kept on the phone, https: for catalogue
				// pictures the office links to.
				'img-src': ['self', 'data:', 'blob:', 'https:'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'worker-src': ['self'],
				'manifest-src': ['self']
			}
		},
		alias: {
			$sync: 'sync',
			$server: 'server',
			$drizzle: 'drizzle'
		},
		typescript: {
			config: (tsconfig) => {
				// Code outside src/ (sync/, server/, drizzle/, tests/) is checked too.
				tsconfig.include.push(
					'../sync/**/*.ts',
					'../server/**/*.ts',
					'../drizzle/**/*.ts',
					'../tests/**/*.ts',
					'../*.ts'
				);
				return tsconfig;
			}
		}
	}
};

export default config;
