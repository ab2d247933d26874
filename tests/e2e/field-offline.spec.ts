import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../drizzle/seed/demo-accounts.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.ts';
import { pngImage } from '../support/images.ts';
import { launchBrowser, signedInPage } from './browser.ts';
import { officeBookingCard } from './office.ts';
import { bookOverApi, firstFreeSlot } from './slots.ts';

// The field app with no signal, for real: reloaded offline, the browser closed and opened again
// offline, two phones of one cleaner offline at once, and a job the office hands to someone else
// while the cleaner is offline. Every event reaches Postgres once; every screen ends the same.

let browser: Browser;
let sql: postgres.Sql;
// He works every day of the week, so his own jobs can be booked whatever day the suite runs.
const CLEANER = 'daniel@valclean.test';

beforeAll(async () => {
	browser = await launchBrowser();
	sql = postgres(inject('databaseUrl'), { max: 2 });
});

afterAll(async () => {
	await browser?.close();
	await sql?.end();
});

const url = (path: string) => `${inject('appUrl')}${path}`;

/** A phone's browser with its own profile on disk: closed and opened again, it keeps its data. */
const launchPhone = (profile: string) =>
	chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		args: CHROMIUM_ARGS,
		locale: 'en-GB',
		timezoneId: 'Europe/London',
		// The phone lets the app know where it is (clock in and out carry the position).
		permissions: ['geolocation'],
		geolocation: { latitude: 51.5622, longitude: -0.0756, accuracy: 12 }
	});

/** Signs in through the form in an existing context (a persistent profile keeps its session). */
async function signIn(page: Page, email = CLEANER) {
	await page.goto(url('/sign-in'));
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((u) => u.pathname === '/field');
}

/** Waits until the service worker controls the page, then loads the page once more through it. */
async function throughServiceWorker(page: Page) {
	await page.evaluate(() => navigator.serviceWorker.ready);
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	await page.reload();
}

/**
 * No signal: offline set before the worker ran would not reach the worker's own fetches
 * (stack-facts.md), so toggle once it runs.
 */
async function goOffline(context: BrowserContext) {
	await context.setOffline(false);
	await context.setOffline(true);
}

async function goOnline(context: BrowserContext, page: Page) {
	await context.setOffline(false);
	await page.evaluate(() => dispatchEvent(new Event('online')));
}

/**
 * A confirmed job of the cleaner's own, with a checklist, booked as a customer books it: one per
 * test, whatever the demo diary holds this week. Inside the phone's window of 14 days.
 */
let jobsBooked = 0;
async function freshJob() {
	const [service] = await sql<{ id: string; checklist: string[] }[]>`
		SELECT id, checklist FROM services WHERE slug = 'regular-clean-2-hours'`;
	const [{ id: staffId }] = await sql`
		SELECT st.id FROM staff st JOIN users u ON u.id = st.user_id WHERE u.email = ${CLEANER}`;
	const slot = await firstFreeSlot(service.id, 1, staffId);
	const id = await bookOverApi({
		serviceId: service.id,
		startTime: slot.start_time,
		staffId,
		name: `Field Job ${(jobsBooked += 1)}`
	});
	// Pending until paid; the office confirms it instead.
	await sql`UPDATE appointments SET status = 'confirmed' WHERE id = ${id}`;
	return { id, checklist: service.checklist };
}

const eventsOf = (jobId: string) =>
	sql<{ id: string; kind: string; payload: Record<string, unknown> }[]>`
		SELECT id, kind, payload FROM field_events WHERE job_id = ${jobId} ORDER BY hlc`;

describe('field app with no signal', () => {
	it('opens the day offline after a reload and after the browser is closed, then sends every event once', async () => {
		const job = await freshJob();
		const profile = await mkdtemp(join(tmpdir(), 'valclean-field-'));
		const launch = () => launchPhone(profile);
		let context = await launch();
		try {
			let page = context.pages()[0] ?? (await context.newPage());
			await signIn(page);
			await throughServiceWorker(page);
			// Online once: the list and this job's page have been open, so the phone keeps them.
			await page.locator(`[data-job="${job.id}"]`).waitFor();
			await page.goto(url(`/field/job/${job.id}`));
			await page.getByRole('group', { name: 'Checklist' }).waitFor();
			await page.getByText('All synced').waitFor();

			await goOffline(context);
			await page.reload();
			await page.getByRole('group', { name: 'Checklist' }).waitFor();
			await page.getByRole('button', { name: 'Clock in' }).click();
			await page.getByRole('checkbox', { name: job.checklist[0] }).check();
			await page.getByRole('checkbox', { name: job.checklist[1] }).check();
			await page.getByLabel('Add a note').fill('Dog in the garden, kept the back door shut');
			await page.getByRole('button', { name: 'Save note' }).click();
			await page.getByLabel('Add a photo').setInputFiles({
				name: 'hall.png',
				mimeType: 'image/png',
				buffer: pngImage(1200, 900, 5)
			});
			await page.getByText('5 saved on this phone, waiting to be sent').waitFor();

			// Reloaded with no signal: the app, the job and the work done are all still there.
			await page.reload();
			await page.getByText('5 saved on this phone, waiting to be sent').waitFor();
			await expect.poll(() => page.getByText('In progress', { exact: true }).count()).toBe(1);
			expect(await page.getByRole('checkbox', { name: job.checklist[0] }).isChecked()).toBe(true);
			await page.getByText('Dog in the garden, kept the back door shut').waitFor();
			expect(await eventsOf(job.id)).toHaveLength(0);

			// The browser closed and opened again, still with no signal: the list opens from the phone.
			await context.close();
			context = await launch();
			page = context.pages()[0] ?? (await context.newPage());
			await page.goto(url('/field'));
			await goOffline(context);
			await page.reload();
			await page.locator(`[data-job="${job.id}"]`).getByRole('link').first().click();
			await page.getByRole('button', { name: 'Clock out' }).click();
			await page.getByText('6 saved on this phone, waiting to be sent').waitFor();
			await page.getByText('Done', { exact: true }).waitFor();

			await goOnline(context, page);
			await page.getByText(/^All synced/).waitFor({ timeout: 20_000 });
			const stored = await eventsOf(job.id);
			expect(stored.map((e) => e.kind)).toEqual([
				'clock_in',
				'checklist',
				'checklist',
				'note',
				'photo',
				'clock_out'
			]);
			expect(new Set(stored.map((e) => e.id)).size).toBe(6);
			expect(stored[0].payload.position).toMatchObject({ lat: 51.5622, lng: -0.0756 });
			// The photo itself follows its event, once.
			const photoId = stored[4].payload.photoId as string;
			await expect
				.poll(async () => (await sql`SELECT id FROM field_photos WHERE id = ${photoId}`).length, {
					timeout: 20_000
				})
				.toBe(1);
		} finally {
			await context.close();
			await rm(profile, { recursive: true, force: true });
		}

		// The office's board folds the same events: the job shows as done there.
		const card = await officeBookingCard(browser, job.id);
		await card.locator('[data-field-status="done"]').waitFor({ timeout: 10_000 });
		await card.page().context().close();
	});

	it.each([
		['the first', 'the second'],
		['the second', 'the first']
	])(
		'merges two phones of one cleaner, both offline, to the same state everywhere (%s back first)',
		async (firstBack) => {
			const job = await freshJob();
			const [a, b] = await Promise.all([openJob(job.id), openJob(job.id)]);
			const [first, second, third] = job.checklist;
			await goOffline(a.context());
			await goOffline(b.context());

			// Phone B ticks the first item and unticks it again; later phone A ticks it: A's tick is the
			// last word. Each ticks an item of its own, and each adds a note.
			await b.getByRole('checkbox', { name: first }).check();
			await b.getByRole('checkbox', { name: first }).uncheck();
			await b.getByRole('checkbox', { name: third }).check();
			await b.getByLabel('Add a note').fill('Note from the second phone');
			await b.getByRole('button', { name: 'Save note' }).click();
			await b.getByText('4 saved on this phone, waiting to be sent').waitFor();
			await a.getByRole('checkbox', { name: first }).check();
			await a.getByRole('checkbox', { name: second }).check();
			await a.getByLabel('Add a note').fill('Note from the first phone');
			await a.getByRole('button', { name: 'Save note' }).click();
			await a.getByText('3 saved on this phone, waiting to be sent').waitFor();

			for (const phone of firstBack === 'the first' ? [a, b] : [b, a]) {
				await goOnline(phone.context(), phone);
				await phone.getByText(/^All synced/).waitFor({ timeout: 20_000 });
			}

			const merged = Object.fromEntries(
				job.checklist.map((item) => [item, [first, second, third].includes(item)])
			);
			for (const phone of [a, b]) {
				await expect
					.poll(() => checklistOn(phone, job.checklist), { timeout: 10_000 })
					.toEqual(merged);
				await phone.getByText('Note from the first phone').waitFor();
				await phone.getByText('Note from the second phone').waitFor();
			}
			expect(await eventsOf(job.id)).toHaveLength(7);
			await a.context().close();
			await b.context().close();

			const card = await officeBookingCard(browser, job.id);
			await card.getByText(`Checklist 3 of ${job.checklist.length} ticked`).waitFor();
			await card.getByText('Cleaner’s note: Note from the first phone').waitFor();
			await card.getByText('Cleaner’s note: Note from the second phone').waitFor();
			await card.page().context().close();
		}
	);

	it('tells the cleaner and the office when the job went to someone else while the phone was offline', async () => {
		const job = await freshJob();
		const phone = await openJob(job.id);
		await goOffline(phone.context());
		// The office hands the job to a cleaner free at that time.
		const [other] = await sql<{ id: string }[]>`
			SELECT s.id FROM staff s, appointments a
			WHERE a.id = ${job.id} AND s.id <> a.staff_id AND s.is_active
				AND NOT EXISTS (SELECT 1 FROM appointments o WHERE o.staff_id = s.id
					AND o.status NOT IN ('cancelled', 'expired')
					AND tstzrange(o.blocked_from, o.blocked_until) && tstzrange(a.blocked_from, a.blocked_until))
			LIMIT 1`;
		await sql`UPDATE appointments SET staff_id = ${other.id} WHERE id = ${job.id}`;

		await phone.getByRole('button', { name: 'Clock in' }).click();
		await phone.getByText('1 saved on this phone, waiting to be sent').waitFor();
		await goOnline(phone.context(), phone);
		await phone
			.getByRole('alert')
			.filter({ hasText: 'Not accepted: This job is no longer yours' })
			.waitFor({ timeout: 20_000 });
		const [kept] = await eventsOf(job.id);
		expect(kept.kind).toBe('clock_in');
		const [{ refusal }] = await sql`SELECT refusal FROM field_events WHERE id = ${kept.id}`;
		expect(refusal).toMatch(/no longer yours/);
		await phone.context().close();

		const card = await officeBookingCard(browser, job.id);
		await card.getByText('1 action from another cleaner’s phone not accepted (clock in)').waitFor();
		await card.page().context().close();
	});

	it('warns about work not sent before signing out, then leaves nothing of the cleaner on the phone', async () => {
		const job = await freshJob();
		const phone = await openJob(job.id);
		await phone.evaluate(() => navigator.serviceWorker.ready);
		await phone.reload();
		await phone.getByRole('group', { name: 'Checklist' }).waitFor();
		await goOffline(phone.context());
		await phone.getByLabel('Add a note').fill('Left the spare key with the neighbour');
		await phone.getByRole('button', { name: 'Save note' }).click();
		await phone.getByRole('button', { name: 'Sign out' }).click();
		await phone
			.getByRole('alert')
			.filter({ hasText: '1 thing you did on this phone is not sent yet' })
			.waitFor();
		await phone.getByRole('button', { name: 'Stay signed in' }).click();

		await goOnline(phone.context(), phone);
		await phone.getByText(/^All synced/).waitFor({ timeout: 20_000 });
		const stored = () =>
			phone.evaluate(async () => ({
				databases: (await indexedDB.databases()).map((d) => d.name ?? ''),
				caches: await caches.keys(),
				kept: Object.keys(localStorage).filter((k) => k.startsWith('valclean-field'))
			}));
		const before = await stored();
		expect(before.databases).toContain('valclean-field');
		expect(before.databases.length).toBeGreaterThan(1);
		expect(before.caches).toContain('valclean-field-app');
		expect(before.kept).toContain('valclean-field-last-sync');

		await phone.getByRole('button', { name: 'Sign out' }).click();
		await phone.waitForURL((u) => !u.pathname.startsWith('/field'));
		await expect.poll(async () => (await stored()).databases, { timeout: 10_000 }).toEqual([]);
		expect((await stored()).caches).not.toContain('valclean-field-app');
		expect((await stored()).kept).toEqual([]);
		expect(await eventsOf(job.id)).toHaveLength(1);
		await phone.context().close();
	});

	it('carries on without a reload when zero-cache has forgotten the phone, and still delivers everything', async () => {
		const job = await freshJob();
		const profile = await mkdtemp(join(tmpdir(), 'valclean-field-'));
		const groups = new Set<string>();
		/** The phone's browser, counting page loads and the Zero client groups it connects as. */
		const open = async () => {
			const context = await launchPhone(profile);
			await context.addInitScript(() => {
				sessionStorage.setItem('loads', String(Number(sessionStorage.getItem('loads') ?? 0) + 1));
			});
			const page = context.pages()[0] ?? (await context.newPage());
			page.on('websocket', (ws) => {
				const group = new URL(ws.url()).searchParams.get('clientGroupID');
				if (group) groups.add(group);
			});
			return { context, page };
		};
		let { context, page } = await open();
		try {
			await signIn(page);
			await page.goto(url(`/field/job/${job.id}`));
			await page.getByRole('group', { name: 'Checklist' }).waitFor();
			await page.waitForLoadState('networkidle');
			expect(groups.size).toBe(1);
			await goOffline(context);
			await page.getByRole('button', { name: 'Clock in' }).click();
			await page.getByRole('checkbox', { name: job.checklist[0] }).check();
			await page.getByText('2 saved on this phone, waiting to be sent').waitFor();
			await context.close();

			// Real time passes with the phone away: zero-cache lets go of the client group a few
			// seconds after its last connection closed, then forgets it, as its inactivity sweep does.
			await new Promise((resolve) => setTimeout(resolve, 7_000));
			const [{ schema }] = await sql`
				SELECT table_schema AS schema FROM information_schema.tables
				WHERE table_name = 'instances' AND table_schema LIKE '%/cvr'`;
			const forgotten = await sql`
				UPDATE ${sql(schema)}.instances SET deleted = true
				WHERE "clientGroupID" IN ${sql([...groups])} RETURNING 1`;
			expect(forgotten).toHaveLength(1);

			({ context, page } = await open());
			await page.goto(url(`/field/job/${job.id}`));
			await page.getByText(/^All synced/).waitFor({ timeout: 20_000 });
			// Zero found its state gone and a new client took over, in the same page.
			await expect.poll(() => groups.size, { timeout: 20_000 }).toBe(2);
			await expect
				.poll(() => page.getByText('In progress', { exact: true }).count(), { timeout: 10_000 })
				.toBe(1);
			await page.waitForTimeout(2_000);
			expect(await page.evaluate(() => sessionStorage.getItem('loads'))).toBe('1');
			expect((await eventsOf(job.id)).map((e) => e.kind)).toEqual(['clock_in', 'checklist']);
		} finally {
			await context.close();
			await rm(profile, { recursive: true, force: true });
		}
	});
});

/** A cleaner's phone (a fresh context) on the job's page, loaded online. */
async function openJob(jobId: string, email = CLEANER) {
	const page = await signedInPage(browser, email);
	await page.goto(url(`/field/job/${jobId}`));
	await page.getByRole('group', { name: 'Checklist' }).waitFor();
	await page.waitForLoadState('networkidle');
	return page;
}

/** Each checklist item's tick as a phone shows it. */
async function checklistOn(page: Page, items: string[]) {
	const shown: Record<string, boolean> = {};
	for (const item of items)
		shown[item] = await page.getByRole('checkbox', { name: item }).isChecked();
	return shown;
}
