import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: [
			'sync/**/*.test.ts',
			'server/**/*.test.ts',
			'drizzle/**/*.test.ts',
			'tests/integration/**/*.test.ts'
		],
		// HTTPS fakes (Microsoft identity platform): the workers must trust the test CA. Each test
		// file's Postgres is a copy of one migrated for the run.
		globalSetup: ['tests/support/test-ca-setup.ts', 'tests/support/postgres-template.ts'],
		testTimeout: 30_000,
		hookTimeout: 120_000
	}
});
