import { defineConfig } from 'vitest/config';

// The one-machine cluster (PgBouncer, HAProxy, pm2, zero-cache multi-node, two web instances, two
// workers), from the production build: the last step of `npm test`, or alone with
// `npm run test:cluster` after `npm run build`. Needs Debian's pgbouncer and haproxy (installed
// when missing, as root).
export default defineConfig({
	root: process.cwd(),
	test: {
		include: ['tests/cluster/**/*.test.ts'],
		fileParallelism: false,
		testTimeout: 120_000,
		hookTimeout: 300_000
	}
});
