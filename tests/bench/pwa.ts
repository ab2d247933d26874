// npm run bench:pwa — the booking page on the production build (run `npm run build` first):
//   - the JavaScript a first visit downloads until the slot list shows (Zero included), each file
//     gzipped at level 9 as the server's precompressed copies are, the largest files named;
//   - time to first slot list: from navigation to the first day's free-times count, opening
//     /book?service=…&postcode=… in a fresh browser context (no cache, no IndexedDB) each run, on a
//     warm server (one visit first, as a real server has had); also the page-ready part alone.
// Targets (issue): ≤ 200 KB gzipped JS on first load including Zero; first slot list ≤ 1.5 s.
// The figures are printed, never asserted.
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.ts';
import { startTestStack } from '../support/stack.ts';
import { report } from './stats.ts';

const RUNS = Number(process.env.RUNS ?? 15);
const stack = await startTestStack('start');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const url = `${stack.appUrl}/book?service=regular-clean-2-hours&postcode=N16%209PD`;

/** One fresh visit: its scripts (url → gzipped bytes) and its timings in ms. */
async function visit() {
	const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
	const page: Page = await context.newPage();
	const scripts = new Map<string, Promise<number>>();
	page.on('response', (response) => {
		if (response.request().resourceType() !== 'script') return;
		scripts.set(
			response.url(),
			response.body().then((body) => gzipSync(body, { level: 9 }).length)
		);
	});
	const started = performance.now();
	const covered = page
		.waitForResponse((r) => r.url().includes('/staff/?postcode='))
		.then(() => performance.now() - started);
	await page.goto(url);
	const ready = performance.now() - started;
	await page
		.locator('[data-date] small', { hasText: /free|Full/ })
		.first()
		.waitFor();
	const slots = performance.now() - started;
	const coverage = await covered;
	const sizes = new Map<string, number>();
	for (const [u, size] of scripts) sizes.set(u, await size);
	await context.close();
	return { sizes, ready, slots, coverage };
}

try {
	await visit(); // the server's first request warms it, as any running server is
	const ready: number[] = [];
	const slots: number[] = [];
	const coverage: number[] = [];
	let sizes = new Map<string, number>();
	for (let i = 0; i < RUNS; i++) {
		const run = await visit();
		ready.push(run.ready);
		slots.push(run.slots);
		coverage.push(run.coverage);
		sizes = run.sizes;
	}
	const total = [...sizes.values()].reduce((a, b) => a + b, 0);
	console.log(
		`first-load JavaScript: ${(total / 1024).toFixed(1)} KB gzipped in ${sizes.size} files`
	);
	const largest = [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 5);
	for (const [u, size] of largest)
		console.log(`  ${(size / 1024).toFixed(1).padStart(6)} KB  ${new URL(u).pathname}`);
	report('page ready (navigation to load event)', 'ms', ready);
	report('postcode checked (navigation to the coverage answer)', 'ms', coverage);
	report('first slot list (navigation to the day counts)', 'ms', slots);
} finally {
	await browser.close();
	await stack.stop();
}
