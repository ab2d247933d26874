import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../../drizzle/seed/seed.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { closeDatabase } from '../db/client.ts';
import { apiRequestCoverage } from './waitlist.ts';

let pg: TestDatabase;

const post = (body: unknown) =>
	apiRequestCoverage(
		new Request('http://test/api/v1/coverage-requests/', {
			method: 'POST',
			body: JSON.stringify(body)
		})
	);

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedIfEmpty(pg.url, new Date(), async (p) => `test-hash:${p}`);
	process.env.DATABASE_URL = pg.url;
});

afterAll(async () => {
	await closeDatabase();
	await pg?.stop();
});

describe('POST /api/v1/coverage-requests/', () => {
	it('keeps one request per email and postcode, with its district and service', async () => {
		const [service] = await pg.sql`SELECT id FROM services WHERE slug = 'regular-clean-2-hours'`;
		const body = {
			email: ' Nia.Hughes@Example.com ',
			postcode: 'cf10 1aa',
			service_id: service.id
		};
		const first = await post(body);
		expect(first.status).toBe(201);
		expect((await first.json()).data).toEqual({
			email: 'nia.hughes@example.com',
			postcode: 'CF10 1AA',
			new: true
		});
		const again = await post(body);
		expect(again.status).toBe(201);
		expect((await again.json()).data.new).toBe(false);
		const rows = await pg.sql`SELECT email, postcode, district, service_id FROM coverage_requests`;
		expect(rows).toEqual([
			{
				email: 'nia.hughes@example.com',
				postcode: 'CF10 1AA',
				district: 'CF10',
				service_id: service.id
			}
		]);
	});

	it('names each bad field, refuses unknown ones and writes nothing', async () => {
		const before = await pg.sql`SELECT count(*)::int AS n FROM coverage_requests`;
		const bad = await post({ email: 'nope', postcode: 'XYZ', colour: 'red' });
		expect(bad.status).toBe(422);
		const { error } = await bad.json();
		expect(error.code).toBe('VALIDATION_ERROR');
		expect(Object.keys(error.details).sort()).toEqual(['body', 'email', 'postcode']);
		const unknownService = await post({
			email: 'a@example.com',
			postcode: 'CF10 1AA',
			service_id: '00000000-0000-4000-8000-000000000000'
		});
		expect(unknownService.status).toBe(422);
		expect((await unknownService.json()).error.details.service_id).toBeDefined();
		expect(await pg.sql`SELECT count(*)::int AS n FROM coverage_requests`).toEqual(before);
	});
});
