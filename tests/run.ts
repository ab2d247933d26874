// `npm test`: every check, in order, with its own set-up. Stops at the first failing step.
//   types (svelte-check), lint (ESLint) and format (Prettier), at once → unit + Postgres tests (vitest)
//   → production build → browser tests (Playwright in Debian Chromium, against the built app)
//   → the one-machine cluster (PgBouncer, HAProxy, pm2, zero-cache multi-node, from the build)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, ensureChromium } from './support/chromium.ts';
import { ensureClusterPrograms } from './support/debian-packages.ts';

const bin = (name: string) => join('node_modules', '.bin', name);
const reports = mkdtempSync(join(tmpdir(), 'valclean-test-'));
const totals = { passed: 0, failed: 0 };

function step(title: string, command: string, args: string[], verify?: () => string | null) {
	console.log(`\n▶ ${title}`);
	const started = performance.now();
	const result = spawnSync(command, args, {
		stdio: 'inherit',
		env: { ...process.env, FORCE_COLOR: '1' }
	});
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	const verdict = verify?.() ?? null; // also counts the tests of a failed run
	const problem = result.status !== 0 ? `exit code ${result.status}` : verdict;
	if (problem) {
		console.error(`✗ ${title} failed after ${seconds}s: ${problem}`);
		finish(1);
	}
	console.log(`✓ ${title} (${seconds}s)`);
}

/** A vitest run whose counts join the total; one that ran no test at all fails (vitest may exit 0). */
function vitest(title: string, args: string[], report: string) {
	const file = join(reports, report);
	const reporters = ['--reporter=default', '--reporter=json', `--outputFile.json=${file}`];
	step(title, bin('vitest'), ['run', ...args, ...reporters], () => {
		if (!existsSync(file)) return 'vitest wrote no report';
		const json = JSON.parse(readFileSync(file, 'utf8'));
		totals.passed += json.numPassedTests;
		totals.failed += json.numFailedTests;
		if (json.numTotalTests === 0) return 'no test ran';
		return json.success ? null : 'vitest reported a failure';
	});
}

type Check = { title: string; command: string; args: string[] };

/** Runs a check with its output kept: its exit code (null if it could not start) and output. */
function collect(check: Check): Promise<{ code: number | null; output: Buffer }> {
	return new Promise((resolve) => {
		const child = spawn(check.command, check.args, {
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, FORCE_COLOR: '1' }
		});
		const chunks: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
		child.on('error', (error) => chunks.push(Buffer.from(`${error.message}\n`)));
		child.on('close', (code) => resolve({ code, output: Buffer.concat(chunks) }));
	});
}

/**
 * Checks that only read the sources, run at once: each is single-threaded for most of its run, so
 * on two cores the three take 73 s together against 103 s one after another (measured here). Each
 * one's output is shown whole, in order, once all have ended; the run stops if any failed.
 */
async function atOnce(checks: Check[]) {
	const started = performance.now();
	const results = await Promise.all(checks.map(collect));
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	checks.forEach((check, i) => {
		console.log(`\n▶ ${check.title}`);
		process.stdout.write(results[i].output);
		if (results[i].code === 0) console.log(`✓ ${check.title}`);
		else console.error(`✗ ${check.title} failed: exit code ${results[i].code}`);
	});
	console.log(`(${checks.length} checks at once: ${seconds}s)`);
	if (results.some((r) => r.code !== 0)) finish(1);
}

function finish(code: number): never {
	console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed`);
	process.exit(code);
}

try {
	ensureChromium();
	ensureClusterPrograms();
} catch (error) {
	console.error((error as Error).message);
	process.exit(1);
}
step('SvelteKit types (svelte-kit sync)', bin('svelte-kit'), ['sync']);
// svelte-eslint-parser's ts.sys hook serves each component's TypeScript to the one project
// service instead of reloading the project per .svelte file: the typed rules
// (svelte/no-navigation-without-resolve, svelte/no-unused-props) give the same findings in about
// a third of the time (200 s → 60 s here). It announces itself as experimental on stderr.
process.env.SVELTE_ESLINT_PARSER_EXPERIMENTAL_TS_SYS_HOOK = '1';
await atOnce([
	{
		title: 'Type check (svelte-check)',
		command: bin('svelte-check'),
		args: ['--tsconfig', './tsconfig.json', '--fail-on-warnings']
	},
	{ title: 'Lint (ESLint)', command: bin('eslint'), args: ['.'] },
	{ title: 'Format (Prettier)', command: bin('prettier'), args: ['--check', '.'] }
]);
vitest('Unit and Postgres tests', [], 'unit.json');
step('Production build', bin('vite'), ['build', '--logLevel', 'warn']);
vitest(
	'Browser tests (Chromium: ' + CHROMIUM + ')',
	['--config', 'tests/e2e/vitest.config.ts'],
	'e2e.json'
);
vitest(
	'Cluster tests (PgBouncer, HAProxy, pm2, zero-cache multi-node)',
	['--config', 'tests/cluster/vitest.config.ts'],
	'cluster.json'
);
finish(0);
