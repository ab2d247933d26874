// `npm test`: every check, in order, with its own set-up. Stops at the first failing step.
//   types (svelte-check) → lint (ESLint) → format (Prettier) → unit + Postgres tests (vitest)
//   → production build → browser tests (Playwright in Debian Chromium, against the built app)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, ensureChromium } from './support/chromium.ts';

const bin = (name: string) => join('node_modules', '.bin', name);
const reports = mkdtempSync(join(tmpdir(), 'valclean-test-'));
const totals = { passed: 0, failed: 0 };

function step(title: string, command: string, args: string[]) {
	console.log(`\n▶ ${title}`);
	const started = performance.now();
	const result = spawnSync(command, args, {
		stdio: 'inherit',
		env: { ...process.env, FORCE_COLOR: '1' }
	});
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	if (result.status !== 0) {
		console.error(`✗ ${title} failed after ${seconds}s`);
		finish(1);
	}
	console.log(`✓ ${title} (${seconds}s)`);
}

function vitest(title: string, args: string[], report: string) {
	const file = join(reports, report);
	const run = () =>
		step(title, bin('vitest'), [
			'run',
			...args,
			'--reporter=default',
			'--reporter=json',
			`--outputFile.json=${file}`
		]);
	try {
		run();
	} finally {
		if (existsSync(file)) {
			const json = JSON.parse(readFileSync(file, 'utf8'));
			totals.passed += json.numPassedTests;
			totals.failed += json.numFailedTests;
		}
	}
}

function finish(code: number): never {
	console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed`);
	process.exit(code);
}

ensureChromium();
step('SvelteKit types (svelte-kit sync)', bin('svelte-kit'), ['sync']);
step('Type check (svelte-check)', bin('svelte-check'), [
	'--tsconfig',
	'./tsconfig.json',
	'--fail-on-warnings'
]);
step('Lint (ESLint)', bin('eslint'), ['.']);
step('Format (Prettier)', bin('prettier'), ['--check', '.']);
vitest('Unit and Postgres tests', [], 'unit.json');
step('Production build', bin('vite'), ['build', '--logLevel', 'warn']);
vitest(
	'Browser tests (Chromium: ' + CHROMIUM + ')',
	['--config', 'tests/e2e/vitest.config.ts'],
	'e2e.json'
);
finish(0);
