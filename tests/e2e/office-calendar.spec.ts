import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { launchBrowser, signedInPage } from './browser.ts';
import { bookOverApi, londonDate } from './slots.ts';

// The office's resource calendar: drag to reassign or move, seen live on another office screen;
// a drop onto a taken time refused and put back; a scoped manager kept to their own cleaners.

let browser: Browser;
let sql: postgres.Sql;
let serviceId: string;

const app = (path: string) => `${inject('appUrl')}${path}`;
type Slot = { start_time: string; end_time: string; staff_ids: string[] };

beforeAll(async () => {
	browser = await launchBrowser();
	sql = postgres(inject('databaseUrl'), { max: 2 });
	[{ id: serviceId }] = await sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
});

afterAll(async () => {
	await browser?.close();
	await sql?.end();
});

/** The first day at least `from` days ahead with a slot `pick` accepts, and that day's slots. */
async function findDay<T = Slot>(
	from: number,
	postcode: string,
	pick: (slots: Slot[]) => T | undefined
) {
	for (let d = from; d < from + 30; d++) {
		const date = londonDate(d);
		const query = new URLSearchParams({ service_id: serviceId, date, postcode });
		const slots: Slot[] = (
			await (await fetch(app(`/api/v1/bookings/available-slots/?${query}`))).json()
		).data.slots;
		const picked = pick(slots);
		if (picked) return { date, slots, picked };
	}
	throw new Error(`no such day in the demo diary around ${postcode}`);
}

const twoFreeCleaners = (from: number) =>
	findDay(from, 'N16 9PD', (slots) => slots.find((s) => s.staff_ids.length >= 2));

const ms = (s: Slot, end = false) => Date.parse(end ? s.end_time : s.start_time);
const HOUR = 3_600_000;

/** A cleaner's first free time of the day, and a later one of theirs that `fits` its end. */
function firstAndLater(slots: Slot[], fits: (later: number, firstEnd: number) => boolean) {
	for (const staffId of new Set(slots.flatMap((s) => s.staff_ids))) {
		const mine = slots.filter((s) => s.staff_ids.includes(staffId));
		const later = mine.find((s) => fits(ms(s), ms(mine[0], true)));
		if (later) return { staffId, first: mine[0], later };
	}
}

function book(startTime: string, staffId: string, name: string, postcode?: string) {
	return bookOverApi({ serviceId, startTime, staffId, name }, postcode);
}

async function openCalendar(email: string, date: string): Promise<Page> {
	const page = await signedInPage(browser, email);
	// Wide enough for every cleaner's column, tall enough for the working day.
	await page.setViewportSize({ width: 2600, height: 1400 });
	await page.goto(app(`/office?view=day&date=${date}`));
	await page.getByText('Live', { exact: true }).waitFor();
	return page;
}

const block = (page: Page, id: string) => page.locator(`[data-booking="${id}"]`);
const column = (page: Page, staffId: string) => page.locator(`[data-drop-staff="${staffId}"]`);

async function drag(page: Page, id: string, to: { x: number; y: number }) {
	const box = (await block(page, id).boundingBox())!;
	await page.mouse.move(box.x + 10, box.y + 8);
	await page.mouse.down();
	await page.mouse.move(to.x, to.y, { steps: 12 });
	await page.mouse.up();
}

describe('office resource calendar', () => {
	it('hands a booking to another cleaner by drag, and another office screen sees it move', async () => {
		const { date, picked: shared } = await twoFreeCleaners(12);
		const [from, to] = shared.staff_ids;
		const id = await book(shared.start_time, from, 'Drag Reassign');
		const [a, b] = await Promise.all([
			openCalendar('admin@valclean.test', date),
			openCalendar('admin@valclean.test', date)
		]);
		await column(a, from).locator(`[data-booking="${id}"]`).waitFor();
		await column(b, from).locator(`[data-booking="${id}"]`).waitFor();

		const box = (await block(a, id).boundingBox())!;
		const target = (await column(a, to).boundingBox())!;
		await drag(a, id, { x: target.x + target.width / 2, y: box.y + 8 });

		await column(b, to).locator(`[data-booking="${id}"]`).waitFor({ timeout: 10_000 });
		await expect.poll(async () => (await block(a, id).count()) === 1).toBe(true);
		const [row] = await sql`SELECT staff_id, start_time FROM appointments WHERE id = ${id}`;
		expect(row.staff_id).toBe(to);
		expect(row.start_time.toISOString()).toBe(new Date(shared.start_time).toISOString());
		// The admin's audit log names the move.
		await a.goto(app(`/office/audit?entity=${id}`));
		expect(await a.locator('tbody tr').count()).toBe(1);
		await a.locator('tr[data-action="booking.reschedule"]').getByText(to).waitFor();
		await Promise.all([a.context().close(), b.context().close()]);
	});

	it('refuses a drop onto a taken time with SLOT_TAKEN and puts the booking back', async () => {
		// A cleaner's first free time that day, and one starting an hour or more after it ends.
		const {
			date,
			picked: { staffId, first, later }
		} = await findDay(14, 'N16 9PD', (slots) =>
			firstAndLater(slots, (start, firstEnd) => start >= firstEnd + HOUR)
		);
		const taken = await book(first.start_time, staffId, 'Taken Time');
		const moving = await book(later.start_time, staffId, 'Moving Booking');

		const page = await openCalendar('admin@valclean.test', date);
		await block(page, moving).waitFor();
		const before = (await block(page, moving).boundingBox())!;
		const onto = (await block(page, taken).boundingBox())!;
		const top = () => block(page, moving).evaluate((el: HTMLElement) => el.style.top);
		const placed = await top();
		await drag(page, moving, { x: before.x + 10, y: onto.y + 8 });

		const alert = page.getByRole('alert');
		await alert.waitFor();
		expect(await alert.textContent()).toContain('SLOT_TAKEN');
		await expect.poll(top).toBe(placed);
		const [row] = await sql`SELECT start_time FROM appointments WHERE id = ${moving}`;
		expect(row.start_time.toISOString()).toBe(new Date(later!.start_time).toISOString());
		await page.context().close();
	});

	it('shows a scoped manager only their cleaners, and no other cleaner’s booking by its address', async () => {
		const outside = await sql<{ id: string }[]>`
			SELECT s.id FROM staff s JOIN locations l ON l.id = s.location_id
			WHERE s.is_active AND l.name <> 'North London'`;
		const outsiders = new Set(outside.map((r) => r.id));
		// South of the river: cleaners the north manager does not manage.
		const { date, picked } = await findDay(16, 'SW9 8AA', (slots) =>
			slots.find((s) => s.staff_ids.some((id) => outsiders.has(id)))
		);
		const staffId = picked.staff_ids.find((id) => outsiders.has(id))!;
		const id = await book(picked.start_time, staffId, 'Out Of Scope', 'SW9 8AA');

		const page = await openCalendar('north.manager@valclean.test', date);
		await page.locator('[data-staff]').first().waitFor();
		const shown = await page
			.locator('.head[data-staff]')
			.evaluateAll((els) => els.map((e) => e.getAttribute('data-staff')));
		expect(shown.length).toBeGreaterThan(0);
		expect(shown.filter((s) => outsiders.has(s!))).toEqual([]);
		expect(await block(page, id).count()).toBe(0);

		const response = await page.goto(app(`/office/bookings/${id}`));
		expect(response?.status()).toBe(404);
		expect((await page.goto(app('/office/audit')))?.status()).toBe(403);
		await page.context().close();
	});

	it('shows the travel between a cleaner’s jobs, and warns where a change leaves too little', async () => {
		// Past the demo diary, so nothing else sits between the two jobs: a cleaner's first free
		// time and the time an hour after it ends (no break between), less than the trip from Croydon.
		const {
			date,
			picked: { staffId, first: before, later }
		} = await findDay(25, 'N16 9PD', (slots) =>
			firstAndLater(slots, (start, firstEnd) => start === firstEnd + HOUR)
		);
		const first = await book(before.start_time, staffId, 'Tara Before');
		const second = await book(later.start_time, staffId, 'Tara After');

		const page = await openCalendar('admin@valclean.test', date);
		const leg = page.locator(`[data-trip-to="${second}"]`);
		// Same district: the overhead alone, within the free time.
		await expect.poll(() => leg.textContent(), { timeout: 10_000 }).toMatch(/^\s*Travel 5 min\s*$/);
		expect(await page.locator(`[data-trip-to="${first}"]`).count()).toBe(0);

		// The second customer's address moves to Croydon: the gap no longer covers the trip.
		await sql`UPDATE customers SET postcode = 'CR0 1AA' WHERE id = (
			SELECT customer_id FROM customer_appointments WHERE appointment_id = ${second})`;
		await expect
			.poll(() => leg.textContent(), { timeout: 10_000 })
			.toMatch(/⚠ Travel \d+ min, only \d+ free/);
		expect(await leg.getAttribute('class')).toContain('short');
		await page.context().close();
	});

	it('refuses a move that leaves too little travel time with TRAVEL_CONFLICT, and moves it when the office insists', async () => {
		// One cleaner's free times that day: a job, and the time an hour after it ends (half an hour
		// between the padded spans); the job to be moved starts on another day.
		const {
			date,
			picked: { staffId, first: anchor, later: target }
		} = await findDay(27, 'N16 9PD', (slots) =>
			firstAndLater(slots, (start, firstEnd) => start === firstEnd + HOUR)
		);
		const { picked: away } = await findDay(27, 'N16 9PD', (slots) =>
			slots.find((s) => s.staff_ids.includes(staffId) && !s.start_time.startsWith(date))
		);
		await book(anchor.start_time, staffId, 'Una Before');
		const id = await book(away.start_time, staffId, 'Una Moved');
		// The office notes that this cleaner needs an hour for any trip (say, no car this week).
		const [own] = await sql`SELECT overhead_minutes FROM staff_travel WHERE staff_id = ${staffId}`;
		await sql`INSERT INTO staff_travel (staff_id, overhead_minutes) VALUES (${staffId}, 60)
			ON CONFLICT (staff_id) DO UPDATE SET overhead_minutes = 60`;
		onTestFinished(async () => {
			if (own)
				await sql`UPDATE staff_travel SET overhead_minutes = ${own.overhead_minutes}
					WHERE staff_id = ${staffId}`;
			else await sql`DELETE FROM staff_travel WHERE staff_id = ${staffId}`;
		});

		const time = new Date(ms(target)).toLocaleTimeString('en-GB', {
			timeZone: 'Europe/London',
			hour: '2-digit',
			minute: '2-digit'
		});
		const page = await signedInPage(browser, 'admin@valclean.test');
		await page.goto(app(`/office/bookings/${id}`));
		const form = page.getByRole('region', { name: 'Move or reassign' });
		await form.getByLabel('Date').fill(date);
		await form.getByLabel('Time').fill(time);
		await page.getByRole('button', { name: 'Move booking' }).click();
		const alert = page.getByRole('alert');
		await alert.getByText(/Needs 60 min .*only 30 min free.*\(TRAVEL_CONFLICT\)/).waitFor();
		const [still] = await sql`SELECT start_time FROM appointments WHERE id = ${id}`;
		expect(Date.parse(still.start_time)).toBe(ms(away));

		await alert.getByRole('button', { name: 'Move anyway' }).click();
		await page.getByText('Moved.').waitFor();
		const [moved] = await sql`SELECT start_time FROM appointments WHERE id = ${id}`;
		expect(Date.parse(moved.start_time)).toBe(ms(target));
		const audit = await sql`SELECT details FROM audit_log
			WHERE entity_id = ${id} AND action = 'booking.reschedule' ORDER BY at`;
		expect(audit.map((r) => r.details.allowTravelConflict)).toEqual([true]);
		await page.context().close();
	});
});
