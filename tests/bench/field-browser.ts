// The field app's browser figures for `npm run bench:field`, on the production build (run `npm run
// build` first) and a stack of its own:
//   - reconnect to confirmed: 200 events queued on a phone with no signal, then the signal comes
//     back; from the browser's `online` until the server has answered for all of them (the phone's
//     banner says nothing is waiting); each run on a fresh phone, a new job;
//   - open the day offline from a cold start: a phone that has used the app once is closed; the
//     whole stack is stopped (no server answers at all, as with no signal); each run launches the
//     browser with that profile and opens /field, timed from navigation to the first job shown.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import postgres from 'postgres';
import { uuidv7 } from 'uuidv7';
import { DEMO_PASSWORD } from '../../drizzle/seed/demo-accounts.ts';
import { encodeHlc, tick, type Hlc } from '../../sync/domain/hlc.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.ts';
import { startTestStack } from '../support/stack.ts';
import { report } from './stats.ts';

const QUEUED = 200;
const CLEANER = 'amira@valclean.test';

async function signIn(page: Page, appUrl: string) {
	await page.goto(`${appUrl}/sign-in`);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Email').fill(CLEANER);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((u) => u.pathname === '/field');
}

/** `QUEUED` checklist and note events for a job, as the phone's outbox stores them. */
function queuedEvents(jobId: string) {
	let clock: Hlc | null = null;
	return Array.from({ length: QUEUED }, (_, i) => {
		clock = tick(clock, Date.now(), 'bench-phone');
		const body =
			i % 4 === 3
				? { kind: 'note', text: `Note ${i}` }
				: { kind: 'checklist', item: `Item ${i % 12}`, done: i % 3 !== 0 };
		return {
			event: { ...body, id: uuidv7(), jobId, deviceId: 'bench-phone', hlc: encodeHlc(clock) },
			state: 'waiting'
		};
	});
}

const launchPhone = (profile: string) =>
	chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		args: CHROMIUM_ARGS,
		locale: 'en-GB',
		timezoneId: 'Europe/London'
	});

const firstPage = async (context: BrowserContext) =>
	context.pages()[0] ?? (await context.newPage());

export async function benchFieldBrowser(runs: number) {
	const stack = await startTestStack('start');
	const sql = postgres(stack.databaseUrl, { max: 1 });
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
	const profile = await mkdtemp(join(tmpdir(), 'valclean-field-bench-'));
	let stackRunning = true;
	try {
		const jobs = await sql<{ id: string }[]>`
			SELECT a.id FROM appointments a JOIN staff s ON s.id = a.staff_id
			JOIN users u ON u.id = s.user_id
			WHERE u.email = ${CLEANER} AND a.status = 'confirmed'
				AND a.start_time > now() AND a.start_time < now() + interval '13 days'
			ORDER BY a.start_time LIMIT ${runs}`;

		const reconnect: number[] = [];
		for (const { id } of jobs) {
			const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
			const page = await context.newPage();
			await signIn(page, stack.appUrl);
			await page.goto(`${stack.appUrl}/field/job/${id}`);
			await page.getByText(/^All synced/).waitFor();
			// No signal (toggled: offline set before the worker ran would not reach it).
			await context.setOffline(false);
			await context.setOffline(true);
			const entries = queuedEvents(id);
			await page.evaluate(async (rows) => {
				const open = indexedDB.open('valclean-field');
				const db = await new Promise<IDBDatabase>(
					(resolve) => (open.onsuccess = () => resolve(open.result))
				);
				const tx = db.transaction('events', 'readwrite');
				for (const row of rows) tx.objectStore('events').put(row);
				await new Promise((resolve) => (tx.oncomplete = resolve));
				db.close();
			}, entries);
			// The phone notices them (a try with no signal), as it would have recorded them.
			await page.evaluate(() => dispatchEvent(new Event('online')));
			await page.getByText(`Waiting to send: ${QUEUED}.`).waitFor();
			await page.getByText(/Not connected: your work is saved/).waitFor();
			await context.setOffline(false);
			const started = performance.now();
			await page.evaluate(() => dispatchEvent(new Event('online')));
			await page.getByText('Nothing waiting to send.').waitFor({ timeout: 60_000 });
			reconnect.push(performance.now() - started);
			const [{ n }] = await sql`SELECT count(*)::int AS n FROM field_events WHERE job_id = ${id}`;
			if (n !== QUEUED) throw new Error(`expected ${QUEUED} stored events, found ${n}`);
			await context.close();
		}
		report(`reconnect → ${QUEUED} queued events confirmed by the server`, 'ms', reconnect);

		// A phone that has used the app: signed in, the day loaded through the service worker.
		let context = await launchPhone(profile);
		let page = await firstPage(context);
		await signIn(page, stack.appUrl);
		await page.evaluate(() => navigator.serviceWorker.ready);
		await page.waitForFunction(() => !!navigator.serviceWorker.controller);
		await page.reload();
		await page.locator('[data-job]').first().waitFor();
		await page.waitForTimeout(1_000); // Zero writes its store to IndexedDB as it goes
		await context.close();
		await stack.stop();
		stackRunning = false;

		const cold: number[] = [];
		const launched: number[] = [];
		const shell: number[] = [];
		const loaded: number[] = [];
		for (let i = 0; i < runs; i++) {
			const start = performance.now();
			context = await launchPhone(profile);
			page = await firstPage(context);
			const navigated = performance.now();
			await page.goto(`${stack.appUrl}/field`);
			await page.locator('[data-job]').first().waitFor({ timeout: 30_000 });
			cold.push(performance.now() - navigated);
			launched.push(performance.now() - start);
			const [nav] = await page.evaluate(() =>
				performance.getEntriesByType('navigation').map((e) => e.toJSON())
			);
			shell.push(nav.responseEnd);
			loaded.push(nav.loadEventEnd);
			await context.close();
		}
		report('open the day offline, cold start (navigation → first job shown)', 'ms', cold);
		report('  the same from browser launch', 'ms', launched);
		report('  of which: the shell from the service worker', 'ms', shell);
		report('  of which: the page loaded (scripts run)', 'ms', loaded);
	} finally {
		await browser.close();
		await sql.end();
		if (stackRunning) await stack.stop();
		await rm(profile, { recursive: true, force: true });
	}
}
