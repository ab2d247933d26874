import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../drizzle/seed/demo-accounts.ts';
import { backupDatabase } from '../../server/ops/backup.ts';
import { restoreDatabase } from '../../server/ops/restore.ts';
import { startEmbeddedPostgres } from '../../server/runtime/embedded-postgres.ts';
import { startStack, type RunningStack } from '../../server/runtime/stack.ts';
import { freePort, freePortRange } from '../support/ports.ts';
import { temporaryDataDir } from '../support/stack.ts';
import { launchBrowser } from './browser.ts';

// A restore as devices live it: a cleaner's phone has the field app open when the database is lost
// and restored from a backup. zero-cache comes back with a new replica and no memory of the phone's
// Zero client ("client state not found"); the field work done on the phone meanwhile must still
// reach the restored database, once. A stack of its own, on the same ports before and after (the
// phone's data is kept per origin).

const CLEANER = 'tomasz@valclean.test';
let browser: Browser;
let dataDir: string;
let stack: RunningStack | undefined;
let ports: { webPort: number; zeroPort: number; postgresPort: number };
const log: string[] = [];

async function start() {
	stack = await startStack({
		mode: 'start',
		dataDir,
		...ports,
		seed: true,
		output: (line) => log.push(line)
	}).catch((error) => {
		console.error(log.slice(-40).join('\n'));
		throw error;
	});
	return stack;
}

beforeAll(async () => {
	browser = await launchBrowser();
	dataDir = await temporaryDataDir();
	ports = {
		webPort: await freePort(),
		zeroPort: await freePortRange(3),
		postgresPort: await freePort()
	};
	await start();
});

afterAll(async () => {
	await browser?.close();
	await stack?.stop();
	if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function fieldPage(appUrl: string): Promise<Page> {
	const context = await browser.newContext({
		locale: 'en-GB',
		timezoneId: 'Europe/London',
		permissions: ['geolocation'],
		geolocation: { latitude: 51.5622, longitude: -0.0756, accuracy: 12 }
	});
	const page = await context.newPage();
	await page.goto(`${appUrl}/sign-in`);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Email').fill(CLEANER);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((u) => u.pathname === '/field');
	return page;
}

describe('devices after a restore', () => {
	it('keeps the field work a phone had not sent, and sends it once to the restored database', async () => {
		const first = stack!;
		const sql = postgres(first.databaseUrl, { max: 1, onnotice: () => {} });
		const [job] = await sql<{ id: string; checklist: string[] }[]>`
			SELECT a.id, s.checklist FROM appointments a
			JOIN services s ON s.id = a.service_id
			JOIN staff st ON st.id = a.staff_id JOIN users u ON u.id = st.user_id
			WHERE u.email = ${CLEANER} AND a.status = 'confirmed'
				AND a.start_time > now() AND a.start_time < now() + interval '13 days'
				AND jsonb_array_length(s.checklist) >= 2
				AND NOT EXISTS (SELECT 1 FROM field_events e WHERE e.job_id = a.id)
			ORDER BY a.start_time LIMIT 1`;
		await sql.end();
		expect(job).toBeDefined();

		const page = await fieldPage(first.appUrl);
		// Zero's client logs what zero-cache answers; "client state not found" shows as ClientNotFound.
		const zeroLines: string[] = [];
		page.on('console', (m) => zeroLines.push(m.text()));
		await page.goto(`${first.appUrl}/field/job/${job.id}`);
		await page.getByRole('group', { name: 'Checklist' }).waitFor();
		await page.getByText('All synced').waitFor();

		// Last night's backup: the cleaner's account and session are in it, this job's work is not.
		const backup = await backupDatabase({
			url: first.databaseUrl,
			dir: join(dataDir, 'backups'),
			policy: { daily: 7, weekly: 4 }
		});

		// The database is lost while the cleaner works: everything stops, the phone keeps working.
		await first.stop();
		stack = undefined;
		await page.getByRole('button', { name: 'Clock in' }).click();
		await page.getByRole('checkbox', { name: job.checklist[0] }).check();
		await page.getByLabel('Add a note').fill('Side gate was locked, came in the front');
		await page.getByRole('button', { name: 'Save note' }).click();
		await page.getByText('3 saved on this phone, waiting to be sent').waitFor();

		// Restore into a new, empty database in the same place, then the stack as before.
		await rename(join(dataDir, 'postgres'), join(dataDir, 'postgres-lost'));
		const fresh = await startEmbeddedPostgres(join(dataDir, 'postgres'), ports.postgresPort);
		try {
			const restored = await restoreDatabase({
				url: fresh.url,
				file: backup.file,
				dataDir
			});
			expect(restored.replicaFilesRemoved.length).toBeGreaterThan(0);
		} finally {
			await fresh.stop();
		}
		const second = await start();
		expect(second.seeded).toBeNull();

		// The phone notices the server is back (the browser's online event, or its retry timer),
		// sends what waited, and its Zero client is replaced rather than left broken.
		await page.evaluate(() => dispatchEvent(new Event('online')));
		await page.getByText('All synced').waitFor({ timeout: 60_000 });
		const check = postgres(second.databaseUrl, { max: 1, onnotice: () => {} });
		try {
			const events = await check<{ kind: string; refusal: string | null }[]>`
				SELECT kind, refusal FROM field_events WHERE job_id = ${job.id} ORDER BY hlc`;
			expect(events.map((e) => [e.kind, e.refusal])).toEqual([
				['clock_in', null],
				['checklist', null],
				['note', null]
			]);
		} finally {
			await check.end();
		}
		// zero-cache did not know the phone's Zero client any more, and the field app replaced it
		// without a reload: a change made on the server now shows on the open page.
		await expect
			.poll(() => zeroLines.some((l) => l.includes('ClientNotFound')), { timeout: 60_000 })
			.toBe(true);
		const edit = postgres(second.databaseUrl, { max: 1, onnotice: () => {} });
		try {
			await edit`
				UPDATE customers SET address_line1 = '1 Restored Row'
				WHERE id = (SELECT customer_id FROM customer_appointments WHERE appointment_id = ${job.id})`;
		} finally {
			await edit.end();
		}
		await page.getByText('1 Restored Row', { exact: false }).waitFor({ timeout: 60_000 });
		expect(await page.getByText('In progress', { exact: true }).count()).toBe(1);
	}, 300_000);
});
