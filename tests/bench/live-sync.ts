// npm run bench:sync — how long a change made in one browser takes to show in another.
// Runs the production build (run `npm run build` first) with the whole stack. Browser B saves an
// appointment's internal notes through the shared mutator; we time from the click in B until
// browser A's board shows the new text. Both pages read the same machine clock.
import { chromium, type Page } from 'playwright-core';
import { DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD } from '../../drizzle/seed/demo-accounts.ts';
import { typeTotpCode } from '../support/totp.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.ts';
import { startTestStack } from '../support/stack.ts';
import { report } from './stats.ts';

const samples = Number(process.env.SAMPLES ?? 40);
const stack = await startTestStack('start');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

async function office(): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await page.goto(`${stack.appUrl}/sign-in`);
	await page.getByLabel('Email').fill('admin@valclean.test');
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => url.pathname === '/sign-in/code');
	await typeTotpCode(page, DEMO_ADMIN_TOTP_SECRET);
	await page.getByText('Live', { exact: true }).waitFor();
	await page.locator('[data-appointment]').first().waitFor();
	return page;
}

try {
	const [a, b] = [await office(), await office()];
	const id = (await a.locator('[data-appointment]').first().getAttribute('data-appointment'))!;
	const selector = `[data-appointment="${id}"] textarea`;
	const latencies: number[] = [];
	for (let i = 0; i < samples; i++) {
		const text = `sample ${i} ${Date.now()}`;
		await b.locator(selector).fill(text);
		const seen = a.waitForFunction(
			([sel, want]) =>
				document.querySelector<HTMLTextAreaElement>(sel)?.value === want ? Date.now() : 0,
			[selector, text] as const,
			{ polling: 2, timeout: 10_000 }
		);
		const clicked = await b.evaluate((id) => {
			const t = Date.now();
			document
				.querySelector<HTMLButtonElement>(`[data-appointment="${id}"] button[type=submit]`)!
				.click();
			return t;
		}, id);
		latencies.push(((await (await seen).jsonValue()) as number) - clicked);
		// Let B's save settle (its button disappears) before the next sample.
		await b
			.locator(`[data-appointment="${id}"] button[type=submit]`)
			.waitFor({ state: 'detached' });
	}
	report('live sync, click in browser B → shown in browser A', 'ms', latencies);
} finally {
	await browser.close();
	await stack.stop();
}
