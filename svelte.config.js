import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
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
