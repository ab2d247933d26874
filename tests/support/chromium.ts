import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';

export const CHROMIUM = '/usr/bin/chromium';

/** Flags for headless Chromium as root on a machine with no internet (stack-facts.md). */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

/**
 * Browser tests need Debian's Chromium (Playwright cannot download its own here). Install it when
 * missing and we are root; otherwise stop with the exact command — never skip the browser tests.
 */
export function ensureChromium() {
	if (existsSync(CHROMIUM)) return;
	const command = 'apt-get update && apt-get install -y chromium';
	if (userInfo().uid !== 0) {
		console.error(
			`Chromium is missing. Install it, then run the tests again:\n  sudo sh -c '${command}'`
		);
		process.exit(1);
	}
	console.log(`Chromium is missing: installing it (${command})`);
	const result = spawnSync('sh', ['-c', command], {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
	});
	if (result.status !== 0 || !existsSync(CHROMIUM)) {
		console.error(`Could not install Chromium. Run as root: ${command}`);
		process.exit(1);
	}
}
