import { defineConfig } from 'vitest/config';

// Browser tests: one running stack (built app, zero-cache, worker, Postgres) for all spec files.
export default defineConfig({
	// npm test runs from the project root (this file is bundled elsewhere before it runs).
	root: process.cwd(),
	test: {
		include: ['tests/e2e/**/*.spec.ts'],
		// The test CA first: the stack's processes must trust the HTTPS fakes (tests/support/test-ca.ts).
		globalSetup: ['tests/support/test-ca-setup.ts', 'tests/e2e/global-setup.ts'],
		fileParallelism: false,
		testTimeout: 60_000,
		hookTimeout: 180_000
	}
});
