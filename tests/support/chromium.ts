import { ensureDebianPackages } from './debian-packages.ts';

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

/** Browser tests need Debian's Chromium (Playwright cannot download its own here). */
export function ensureChromium() {
	ensureDebianPackages(['chromium'], [CHROMIUM]);
}
