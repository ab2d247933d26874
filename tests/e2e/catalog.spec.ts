import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ukCentroids } from '../../sync/domain/uk-outcodes.ts';

// The public catalogue of REST v1 (services/, staff/) against the running app and its demo data.
// The expected answers are read from the database here and worked out again in plain SQL and JS.

let sql: postgres.Sql;

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const STAFF_KEYS = ['bio', 'id', 'name', 'photo_url', 'services'];
const SERVICE_STAFF_KEYS = ['bio', 'duration_minutes', 'id', 'name', 'photo_url', 'price'];

/** Rows this file adds to the demo data (all inactive in some way), removed again afterwards. */
const added = { serviceId: '', extraId: '', staffId: '', areaId: '' };

type Row = Record<string, unknown>;
let services: Row[];
let staffRows: { id: string; name: string; email: string; phone: string; user_id: string | null }[];
let offers: { staff_id: string; service_id: string; price_override: number | null }[];

const get = (path: string, slash = '/') => fetch(`${inject('appUrl')}/api/v1/${path}${slash}`);
const getQ = (path: string, params: Record<string, string>, slash = '/') =>
	get(`${path}${slash}?${new URLSearchParams(params)}`, '');

async function body(response: Response, status = 200) {
	expect(response.status).toBe(status);
	expect(response.headers.get('content-type')).toContain('application/json');
	const json = await response.json();
	expect(json.meta.version).toBe('1.0');
	expect(json.success).toBe(status < 400);
	return json;
}

/** The district of a postcode or district: 'n16 9pd' → 'N16' (the inward part is 3 characters). */
function district(postcode: string) {
	const compact = postcode.toUpperCase().replace(/\s+/g, '');
	return compact.length >= 5 ? compact.slice(0, -3) : compact;
}

/** Haversine on the IUGG mean sphere, written again here rather than imported. */
function km(a: string, b: string) {
	const p = ukCentroids().get(a)!;
	const q = ukCentroids().get(b)!;
	const rad = Math.PI / 180;
	const h =
		Math.sin(((q.lat - p.lat) * rad) / 2) ** 2 +
		Math.cos(p.lat * rad) * Math.cos(q.lat * rad) * Math.sin(((q.lon - p.lon) * rad) / 2) ** 2;
	return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

/** Ids of active cleaners with an active area whose district centre is within its radius. */
async function expectedCovering(postcode: string) {
	const areas = await sql<{ staff_id: string; postcode: string; radius_km: number }[]>`
		SELECT a.staff_id, a.postcode, a.radius_km FROM staff_areas a JOIN staff s ON s.id = a.staff_id
		WHERE a.is_active AND s.is_active`;
	const to = district(postcode);
	return new Set(
		areas
			.filter((a) => district(a.postcode) === to || km(district(a.postcode), to) <= a.radius_km)
			.map((a) => a.staff_id)
	);
}

beforeAll(async () => {
	sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
	const [regular] =
		await sql`SELECT id, category_id FROM services WHERE slug = 'regular-clean-2-hours'`;
	[{ id: added.serviceId }] = await sql`
		INSERT INTO services (category_id, name, slug, duration_minutes, price, is_active)
		VALUES (${regular.category_id}, 'Retired service', 'catalog-spec-retired', 60, 1000, false)
		RETURNING id`;
	[{ id: added.extraId }] = await sql`
		INSERT INTO service_extras (service_id, name, price, is_active)
		VALUES (${regular.id}, 'Retired extra', 500, false) RETURNING id`;
	// An inactive cleaner right in N16 who offers everything must never be listed.
	[{ id: added.staffId }] = await sql`
		INSERT INTO staff (name, email, phone, is_active)
		VALUES ('Former Cleaner', 'former@valclean.test', '07700 900199', false) RETURNING id`;
	await sql`
		INSERT INTO staff_services (staff_id, service_id) SELECT ${added.staffId}, id FROM services`;
	await sql`
		INSERT INTO staff_areas (staff_id, postcode, radius_km) VALUES (${added.staffId}, 'N16', 10)`;
	// A south London cleaner's switched-off area in N16 must not make her cover it.
	[{ id: added.areaId }] = await sql`
		INSERT INTO staff_areas (staff_id, postcode, radius_km, is_active)
		SELECT id, 'N16', 10, false FROM staff WHERE email = 'priya@valclean.test' RETURNING id`;

	services = await sql`
		SELECT s.id, s.name, s.slug, s.description,
			json_build_object('id', c.id, 'name', c.name, 'slug', c.slug) AS category,
			s.duration_minutes, s.price, s.currency, s.color, s.capacity, s.booking_fields AS questions,
			s.padding_before_minutes,
			s.padding_after_minutes, s.image_url,
			coalesce((SELECT json_agg(json_build_object('id', e.id, 'name', e.name, 'price', e.price,
					'duration_minutes', e.duration_minutes, 'max_quantity', e.max_quantity)
					ORDER BY e.position, e.name)
				FROM service_extras e WHERE e.service_id = s.id AND e.is_active), '[]') AS extras
		FROM services s JOIN categories c ON c.id = s.category_id
		WHERE s.is_active ORDER BY c.position, s.position, s.name`;
	staffRows = await sql`
		SELECT id, name, email, phone, user_id FROM staff WHERE is_active ORDER BY position, name`;
	offers = await sql`SELECT staff_id, service_id, price_override FROM staff_services`;
});

afterAll(async () => {
	if (added.staffId) await sql`DELETE FROM staff WHERE id = ${added.staffId}`;
	if (added.areaId) await sql`DELETE FROM staff_areas WHERE id = ${added.areaId}`;
	if (added.extraId) await sql`DELETE FROM service_extras WHERE id = ${added.extraId}`;
	if (added.serviceId) await sql`DELETE FROM services WHERE id = ${added.serviceId}`;
	await sql?.end();
});

/** The public view of each active cleaner, as the API should give it. */
function expectedStaff(ids?: Set<string>) {
	const serviceOrder = services.map((s) => s.id as string);
	return staffRows
		.filter((s) => !ids || ids.has(s.id))
		.map((s) => ({
			id: s.id,
			name: s.name,
			services: serviceOrder.filter((sid) =>
				offers.some((o) => o.staff_id === s.id && o.service_id === sid)
			)
		}));
}

describe('services API', () => {
	it('lists the active services in catalogue order with their active extras', async () => {
		expect(services.length).toBeGreaterThan(3);
		for (const slash of ['/', '']) {
			const { data } = await body(await get('services', slash));
			expect(data.services).toEqual(services);
			expect(data.services.map((s: Row) => s.id)).not.toContain(added.serviceId);
			expect(JSON.stringify(data)).not.toContain('Retired');
		}
	});

	it('gives one service, and 404 for an unknown or inactive one', async () => {
		for (const slash of ['/', '']) {
			const { data } = await body(await get(`services/${services[1].id}`, slash));
			expect(data).toEqual(services[1]);
		}
		for (const id of [UNKNOWN_ID, added.serviceId]) {
			const { error } = await body(await get(`services/${id}`), 404);
			expect(error.code).toBe('SERVICE_NOT_FOUND');
		}
	});

	it('names a malformed id and unknown parameters', async () => {
		const { error } = await body(await get('services/nope'), 400);
		expect(error.code).toBe('VALIDATION_ERROR');
		expect(Object.keys(error.details)).toEqual(['id']);

		for (const path of ['services', `services/${services[0].id}`, 'staff']) {
			const unknown = await body(await getQ(path, { colour: 'red' }), 400);
			expect(unknown.error.code).toBe('VALIDATION_ERROR');
			expect(JSON.stringify(unknown.error.details)).toContain('colour');
		}

		const all = await body(await getQ('services/nope/staff', { colour: 'red' }), 400);
		expect(JSON.stringify(all.error.details)).toContain('colour');
		expect(all.error.details).toHaveProperty('id');
		expect(all.error.details).toHaveProperty('postcode');
	});

	it('lists by postcode the services offered by a cleaner who covers it', async () => {
		const covering = await expectedCovering('N16 9PD');
		expect(covering.size).toBeGreaterThan(0);
		expect(covering.size).toBeLessThan(staffRows.length);
		const offered = new Set(expectedStaff(covering).flatMap((s) => s.services));
		for (const slash of ['/', '']) {
			const { data } = await body(
				await getQ('services/by-postcode', { postcode: 'n169pd' }, slash)
			);
			expect(data).toEqual({
				postcode: 'N16 9PD',
				covered: true,
				services: services.filter((s) => offered.has(s.id as string))
			});
		}
	});

	it('lists the covering cleaners of a service with their own price and duration', async () => {
		const covering = await expectedCovering('N16 9PD');
		let overridden = 0;
		for (const service of services) {
			const response = await getQ(`services/${service.id}/staff`, { postcode: 'N16 9PD' });
			const { data } = await body(response);
			expect(data.service_id).toBe(service.id);
			expect(data.postcode).toBe('N16 9PD');
			expect(data.covered).toBe(true);
			const offering = offers.filter(
				(o) => o.service_id === service.id && covering.has(o.staff_id)
			);
			const expected = staffRows
				.filter((s) => offering.some((o) => o.staff_id === s.id))
				.map((s) => s.id);
			expect(data.staff.map((s: Row) => s.id)).toEqual(expected);
			for (const cleaner of data.staff) {
				expect(Object.keys(cleaner).sort()).toEqual(SERVICE_STAFF_KEYS);
				const offer = offering.find((o) => o.staff_id === cleaner.id)!;
				expect(cleaner.price).toBe(offer.price_override ?? service.price);
				if (offer.price_override !== null) overridden++;
			}
		}
		// Amira charges 72.00 for the 3-hour regular clean instead of the list price.
		expect(overridden).toBeGreaterThan(0);
		const regular3 = services.find((s) => s.slug === 'regular-clean-3-hours')!;
		const { data } = await body(
			await getQ(`services/${regular3.id}/staff`, { postcode: 'N16 9PD' }, '')
		);
		expect(data.staff.find((s: Row) => s.name === 'Amira Haddad')).toMatchObject({ price: 7200 });
	});

	it('says plainly when the postcode is bad, unknown or covered by nobody', async () => {
		for (const path of ['services/by-postcode', `services/${services[0].id}/staff`]) {
			const missing = await body(await get(path), 400);
			expect(Object.keys(missing.error.details)).toEqual(['postcode']);

			const bad = await body(await getQ(path, { postcode: 'N16 9' }), 400);
			expect(bad.error.code).toBe('VALIDATION_ERROR');
			expect(Object.keys(bad.error.details)).toEqual(['postcode']);

			const unknown = await body(await getQ(path, { postcode: 'XX1 1AA' }), 400);
			expect(unknown.error.code).toBe('UNKNOWN_DISTRICT');
			expect(unknown.error.details).toHaveProperty('postcode');
		}
		const nobody = await body(await getQ('services/by-postcode', { postcode: 'M1 1AE' }));
		expect(nobody.data).toEqual({ postcode: 'M1 1AE', covered: false, services: [] });

		const noCleaner = await body(
			await getQ(`services/${services[0].id}/staff`, { postcode: 'M1 1AE' })
		);
		expect(noCleaner.data).toMatchObject({ covered: false, staff: [] });

		const gone = await body(await getQ(`services/${UNKNOWN_ID}/staff`, { postcode: 'N16' }), 404);
		expect(gone.error.code).toBe('SERVICE_NOT_FOUND');
	});
});

describe('staff API', () => {
	it('lists active cleaners with public fields only', async () => {
		for (const slash of ['/', '']) {
			const { data } = await body(await get('staff', slash));
			expect(data.staff.map(({ id, name, services }: Row) => ({ id, name, services }))).toEqual(
				expectedStaff()
			);
			for (const cleaner of data.staff) {
				expect(Object.keys(cleaner).sort()).toEqual(STAFF_KEYS);
				expect(typeof cleaner.bio).toBe('string');
			}
			expect(data.staff.map((s: Row) => s.id)).not.toContain(added.staffId);
		}
	});

	it('gives one cleaner, and 404 for an unknown, inactive or malformed id', async () => {
		const [first] = expectedStaff();
		for (const slash of ['/', '']) {
			const { data } = await body(await get(`staff/${first.id}`, slash));
			expect(data).toMatchObject(first);
			expect(Object.keys(data).sort()).toEqual(STAFF_KEYS);
		}
		for (const id of [UNKNOWN_ID, added.staffId]) {
			const { error } = await body(await get(`staff/${id}`), 404);
			expect(error.code).toBe('STAFF_NOT_FOUND');
		}
		const { error } = await body(await get('staff/42'), 400);
		expect(Object.keys(error.details)).toEqual(['id']);
	});

	it('lists by postcode only the cleaners whose areas cover it', async () => {
		const covering = await expectedCovering('N16 9PD');
		for (const slash of ['/', '']) {
			const { data } = await body(await getQ('staff/by-postcode', { postcode: 'N16 9PD' }, slash));
			expect(data.postcode).toBe('N16 9PD');
			expect(data.covered).toBe(true);
			expect(data.staff.map(({ id, name, services }: Row) => ({ id, name, services }))).toEqual(
				expectedStaff(covering)
			);
		}
		const names = (await body(await getQ('staff/by-postcode', { postcode: 'N16 9PD' }))).data.staff
			.map((s: Row) => s.name)
			.join();
		expect(names).toContain('Amira Haddad');
		expect(names).not.toContain('Priya Shah');
		expect(names).not.toContain('Former Cleaner');

		const nobody = await body(await getQ('staff/by-postcode', { postcode: 'M1' }));
		expect(nobody.data).toEqual({ postcode: 'M1', covered: false, staff: [] });
		const unknown = await body(await getQ('staff/by-postcode', { postcode: 'XX1' }), 400);
		expect(unknown.error.code).toBe('UNKNOWN_DISTRICT');
		const missing = await body(await get('staff/by-postcode'), 400);
		expect(Object.keys(missing.error.details)).toEqual(['postcode']);
	});

	it('never shows an email, phone number, user id or area in any staff answer', async () => {
		const service = services[0].id;
		const texts = await Promise.all(
			[
				get('staff'),
				get(`staff/${staffRows[0].id}`),
				getQ('staff/by-postcode', { postcode: 'N16 9PD' }),
				getQ('staff/by-postcode', { postcode: 'SW9 8AA' }),
				getQ(`services/${service}/staff`, { postcode: 'N16 9PD' }),
				getQ(`services/${service}/staff`, { postcode: 'SE15 1AA' })
			].map(async (response) => (await response).text())
		);
		const personal = [
			...staffRows.flatMap((s) => [s.email, s.phone, s.user_id ?? '']),
			'former@valclean.test'
		].filter(Boolean);
		for (const text of texts) {
			expect(text).toMatch(/"success":true/);
			for (const word of ['email', 'phone', 'user_id', 'location', 'areas', 'radius', '@'])
				expect(text).not.toContain(word);
			for (const value of personal) expect(text).not.toContain(value);
		}
	});
});
