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
