import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../sync/domain/local-day.ts';
import { ids, seedOfficeFixture } from '../../tests/support/office-fixture.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { apiAvailableSlots } from '../api/bookings.ts';
import { closeDatabase } from '../db/client.ts';
import { apiLogSlotSearch } from './slot-search-api.ts';

// The log of public slot searches behind the conversion report: one row per search from the REST
// API and from the booking page, holding the postcode's district and nothing more personal.

let pg: TestDatabase;

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedOfficeFixture(pg.db);
	await pg.sql`DELETE FROM slot_searches`;
	process.env.DATABASE_URL = pg.url;
}, 60_000);

afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
});

const latest = async () =>
	(await pg.sql`SELECT * FROM slot_searches ORDER BY searched_at DESC LIMIT 1`)[0];

describe('slot search log', () => {
	it('logs a REST search with the district, the service and the day asked', async () => {
		const date = addDays(localDate(Date.now(), 'Europe/London'), 3);
		const url = new URL(
			`http://test/api/v1/bookings/available-slots/?service_id=${ids.regular}&date=${date}&postcode=n16%209pd`
		);
		const response = await apiAvailableSlots(url, Date.now());
		expect(response.status).toBe(200);
		const row = await latest();
		expect(row).toMatchObject({
			service_id: ids.regular,
			district: 'N16',
			date_asked: date,
			source: 'api',
			slots_found: (await response.json()).data.slots.length
		});
		// Nothing of the full postcode is kept anywhere in the row.
		expect(JSON.stringify(row)).not.toMatch(/9PD/i);
	});

	it('does not log a search that was refused', async () => {
		const before = await pg.sql`SELECT count(*)::int AS n FROM slot_searches`;
		const url = new URL(
			`http://test/api/v1/bookings/available-slots/?service_id=${ids.regular}&date=2026-02-30&postcode=N16`
		);
		expect((await apiAvailableSlots(url, Date.now())).status).toBe(400);
		expect(await pg.sql`SELECT count(*)::int AS n FROM slot_searches`).toEqual(before);
	});

	it('logs what the booking page showed, and names a bad field', async () => {
		const post = (body: unknown) =>
			apiLogSlotSearch(
				new Request('http://test/api/slot-searches', {
					method: 'POST',
					body: JSON.stringify(body)
				}),
				Date.now()
			);
		const ok = await post({ service_id: ids.deep, postcode: 'SW1A 1AA', date: '2026-06-01' });
		expect(ok.status).toBe(204);
		expect(await latest()).toMatchObject({
			service_id: ids.deep,
			district: 'SW1A',
			date_asked: '2026-06-01',
			source: 'booking_page',
			slots_found: null
		});
		const bad = await post({ service_id: ids.deep, postcode: 'SW1A 1AA', date: 'soon' });
		expect(bad.status).toBe(422);
		expect(Object.keys((await bad.json()).error.details)).toEqual(['date']);
	});
});
