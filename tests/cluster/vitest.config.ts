import { defineConfig } from 'vitest/config';

// `npm run test:cluster`: the one-machine cluster (PgBouncer, HAProxy, pm2, zero-cache multi-node,
// two web instances, two workers), from the production build. Kept out of `npm test`: it takes a
// few minutes and needs Debian's pgbouncer and haproxy (installed when missing, as root).
export default defineConfig({
	root: process.cwd(),
	test: {
		include: ['tests/cluster/**/*.test.ts'],
		fileParallelism: false,
		testTimeout: 120_000,
		hookTimeout: 300_000
	}
});
