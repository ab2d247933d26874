import { defineConfig } from 'vitest/config';

// Browser tests: one running stack (built app, zero-cache, worker, Postgres) for all spec files.
export default defineConfig({
	// npm test runs from the project root (this file is bundled elsewhere before it runs).
	root: process.cwd(),
	test: {
		include: ['tests/e2e/**/*.spec.ts'],
		globalSetup: ['tests/e2e/global-setup.ts'],
		fileParallelism: false,
		testTimeout: 60_000,
		hookTimeout: 180_000
	}
});
