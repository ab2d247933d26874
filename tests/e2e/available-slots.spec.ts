import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { firstFreeSlot, londonDate } from './slots.ts';

// GET /api/v1/bookings/available-slots/ against the running app and its demo data.

let sql: postgres.Sql;
let serviceId: string;

beforeAll(async () => {
	sql = postgres(inject('databaseUrl'), { max: 1 });
	[{ id: serviceId }] = await sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
});
afterAll(() => sql?.end());

const weekAhead = () => londonDate(7);

const slotsUrl = (params: Record<string, string>, slash = '/') =>
	`${inject('appUrl')}/api/v1/bookings/available-slots${slash}?${new URLSearchParams(params)}`;

describe('available slots API', () => {
	it('lists free slots with ISO times carrying the London offset, with or without the slash', async () => {
		// The demo diary (and the other tests' bookings) fill days differently from one day to the
		// next: ask about the first day a week or more ahead that has any free time.
		const date = (await firstFreeSlot(serviceId, 7)).start_time.slice(0, 10);
		const params = { service_id: serviceId, date, postcode: 'n16 9pd' };
		for (const slash of ['/', '']) {
			// No redirect: both spellings are answered directly.
			const response = await fetch(slotsUrl(params, slash), { redirect: 'manual' });
			expect(response.status).toBe(200);
			const body = await response.json();
			expect(body.success).toBe(true);
			expect(body.data.time_zone).toBe('Europe/London');
			expect(body.data.slots.length).toBeGreaterThan(0);
			for (const slot of body.data.slots) {
				expect(slot.start_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\+0[01]:00$/);
				expect(Date.parse(slot.end_time) - Date.parse(slot.start_time)).toBe(120 * 60_000);
				expect(slot.staff_ids.length).toBeGreaterThan(0);
			}
		}
	});

	it('names each bad parameter, and refuses unknown ones', async () => {
		const bad = await fetch(slotsUrl({ service_id: 'nope', date: '2026-02-30', postcode: 'N16' }));
		expect(bad.status).toBe(400);
		const { error } = await bad.json();
		expect(error.code).toBe('VALIDATION_ERROR');
		expect(Object.keys(error.details).sort()).toEqual(['date', 'service_id']);

		const unknown = await fetch(
			slotsUrl({ service_id: serviceId, date: weekAhead(), postcode: 'N16', colour: 'red' })
		);
		expect(unknown.status).toBe(400);
		expect(JSON.stringify((await unknown.json()).error.details)).toContain('colour');

		const crowd = await fetch(
			slotsUrl({ service_id: serviceId, date: weekAhead(), postcode: 'N16', persons: '2' })
		);
		expect(crowd.status).toBe(400);
		expect((await crowd.json()).error.details.persons[0]).toMatch(/booked for one person/);
	});

	it('says plainly when the postcode or the service is unknown', async () => {
		const postcode = await fetch(
			slotsUrl({ service_id: serviceId, date: weekAhead(), postcode: 'XX1 1AA' })
		);
		expect(postcode.status).toBe(400);
		expect((await postcode.json()).error).toMatchObject({ code: 'UNKNOWN_DISTRICT' });

		const service = await fetch(
			slotsUrl({
				service_id: '00000000-0000-4000-8000-000000000000',
				date: weekAhead(),
				postcode: 'N16'
			})
		);
		expect(service.status).toBe(404);
		expect((await service.json()).error.code).toBe('SERVICE_NOT_FOUND');
	});

	it('answers a postcode nobody covers with no slots, not an error', async () => {
		const response = await fetch(
			slotsUrl({ service_id: serviceId, date: weekAhead(), postcode: 'M1 1AE' })
		);
		expect(response.status).toBe(200);
		expect((await response.json()).data.slots).toEqual([]);
	});
});
