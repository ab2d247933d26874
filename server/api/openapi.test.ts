import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openApiDocument } from './openapi.ts';

// The OpenAPI document of REST v1: valid by the official 3.1 schema, and one operation for each
// exported handler of the route files under src/routes/api/v1 (and no other), so that neither
// can change without the other.

type Json = { [key: string]: unknown };
type Operation = {
	operationId: string;
	parameters?: { name: string; in: string }[];
	requestBody?: { content: { 'application/json': { schema: Json } } };
	responses: Record<string, { description: string; content?: Record<string, { schema: Json }> }>;
	security?: Json[];
};

const ROUTES = fileURLToPath(new URL('../../src/routes/api/v1', import.meta.url));
const VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'] as const;
const ROUTE_OPTIONS = ['trailingSlash', 'config', 'prerender'];
const doc = openApiDocument as unknown as { paths: Record<string, Record<string, Operation>> };

/** `METHOD /path` for each handler exported by a route file, `[id]` written `{id}`. */
function routeOperations(): string[] {
	const found: string[] = [];
	for (const file of readdirSync(ROUTES, { recursive: true, encoding: 'utf8' })) {
		if (!/^\+server\.[jt]s$/.test(file.split(sep).at(-1)!)) continue;
		const segments = dirname(file)
			.split(sep)
			.filter((s) => s !== '.' && !/^\(.*\)$/.test(s));
		const path = segments.map((s) => {
			const param = /^\[(\w+)(?:=\w+)?\]$/.exec(s);
			if (!param && s.includes('[')) throw new Error(`${file}: a route parameter not checked here`);
			return param ? `{${param[1]}}` : s;
		});
		const source = readFileSync(join(ROUTES, file), 'utf8');
		const exported = /export\s+(?:const|let|(?:async\s+)?function)\s+([A-Za-z]+)\b/g;
		// Route options (trailingSlash, config, …) are not handlers; any other export must be a verb.
		const methods = [...source.matchAll(exported)]
			.map((m) => m[1])
			.filter((name) => !ROUTE_OPTIONS.includes(name));
		expect(methods.length, `${file} exports no handler`).toBeGreaterThan(0);
		for (const method of methods) found.push(`${method} /${path.join('/')}`);
	}
	return found.sort();
}

function operations(): [string, string, Operation][] {
	return Object.entries(doc.paths).flatMap(([path, item]) =>
		Object.entries(item).map(([method, op]): [string, string, Operation] => [method, path, op])
	);
}

/** The document with every $ref replaced by its target, by the validator's own resolver. */
async function resolved() {
	const validator = new Validator();
	const result = await validator.validate(structuredClone(openApiDocument) as Json);
	expect(result.valid).toBe(true);
	return validator.resolveRefs() as unknown as typeof doc;
}

describe('OpenAPI document of REST v1', () => {
	it('is valid by the official OpenAPI 3.1 schema, every $ref resolving', async () => {
		const validator = new Validator();
		const result = await validator.validate(structuredClone(openApiDocument) as Json);
		expect(result.errors).toBeUndefined();
		expect(result.valid).toBe(true);
		expect(validator.version).toBe('3.1');
		expect(openApiDocument).toMatchObject({
			openapi: '3.1.0',
			info: { title: 'VALClean API', version: '1.0' },
			servers: [{ url: '/api/v1' }]
		});
	});

	it('is plain JSON', () => {
		expect(JSON.parse(JSON.stringify(openApiDocument))).toEqual(openApiDocument);
	});

	it('has an operation for every route handler under src/routes/api/v1, and no other', () => {
		const routes = routeOperations();
		expect(routes).toContain('GET /bookings/{id}');
		const documented = operations()
			.map(([method, path]) => `${method.toUpperCase()} ${path}`)
			.sort();
		expect(documented).toEqual(routes);
		for (const route of routes) expect(VERBS).toContain(route.split(' ')[0]);
	});

	it('declares exactly the path parameters of each path', () => {
		for (const [method, path, op] of operations()) {
			const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
			const declared = (op.parameters ?? [])
				.filter((p) => p.in === 'path')
				.map((p) => p.name)
				.sort();
			expect(declared, `${method} ${path}`).toEqual(inPath);
		}
	});

	it('answers in the envelope: one 2xx with `data`, and each 4xx (or 502) the Error envelope with its codes', () => {
		const ids = operations().map(([, , op]) => op.operationId);
		expect(new Set(ids).size).toBe(ids.length);
		for (const [method, path, op] of operations()) {
			const where = `${method} ${path}`;
			const statuses = Object.keys(op.responses);
			const ok = statuses.filter((s) => /^2\d\d$/.test(s));
			expect(ok, where).toHaveLength(1);
			const okSchema = op.responses[ok[0]].content?.['application/json']?.schema;
			if (path !== '/openapi.json') {
				expect(okSchema, where).toMatchObject({
					required: ['success', 'data', 'meta'],
					properties: { success: { const: true }, meta: { $ref: '#/components/schemas/Meta' } }
				});
			}
			for (const status of statuses.filter((s) => !ok.includes(s))) {
				// 4xx, or 502 when a provider behind the API (e.g. address lookup) did not answer.
				expect(status, where).toMatch(/^(4\d\d|502)$/);
				const response = op.responses[status];
				expect(response.content?.['application/json']?.schema, where).toEqual({
					$ref: '#/components/schemas/Error'
				});
				expect(response.description, where).toMatch(/`[A-Z][A-Z_]+`/);
			}
		}
	});

	it('takes sign-in, or the booking token, where it matters', () => {
		const schemes = Object.keys(openApiDocument.components.securitySchemes).sort();
		expect(schemes).toEqual(['bearerAuth', 'cookieAuth']);
		expect(openApiDocument.components.securitySchemes.cookieAuth.name).toBe('valclean_session');
		const optional = [{ bearerAuth: [] }, { cookieAuth: [] }, {}];
		for (const path of ['/bookings/{id}', '/bookings/{id}/cancel', '/bookings/{id}/reschedule']) {
			const op = Object.values(doc.paths[path])[0];
			expect(op.security, path).toEqual(optional);
			expect(op.parameters, path).toContainEqual(expect.objectContaining({ name: 'token' }));
		}
		expect(doc.paths['/bookings'].post.security).toEqual(optional);
		expect(doc.paths['/auth/logout'].post.security).toEqual(optional);
		expect(doc.paths['/services'].get.security).toBeUndefined();
	});

	it('documents request bodies that take what the API takes, and refuse unknown fields', async () => {
		const paths = (await resolved()).paths;
		const bodyOf = (path: string) =>
			z.fromJSONSchema(paths[path].post.requestBody!.content['application/json'].schema);
		const id = '0190b3c5-1111-7abc-8def-0123456789ab';
		const booking = {
			service_id: id,
			start_time: '2026-03-29T10:00:00+01:00',
			staff_id: null,
			extras: [{ id, quantity: 2 }],
			customer: {
				name: 'Nia Patel',
				email: 'nia@example.com',
				phone: '07700 900123',
				address_line1: '1 Church Street',
				city: 'London',
				postcode: 'N16 9PD'
			}
		};
		expect(bodyOf('/bookings').safeParse(booking).success).toBe(true);
		expect(bodyOf('/bookings').safeParse({ ...booking, price: 1 }).success).toBe(false);
		expect(bodyOf('/bookings').safeParse({ ...booking, customer: {} }).success).toBe(false);
		expect(bodyOf('/bookings/{id}/cancel').safeParse({ token: id }).success).toBe(true);
		expect(bodyOf('/bookings/{id}/cancel').safeParse({ reason: 'x' }).success).toBe(false);
		const reschedule = bodyOf('/bookings/{id}/reschedule');
		expect(reschedule.safeParse({ start_time: booking.start_time, token: id }).success).toBe(true);
		expect(reschedule.safeParse({ token: id }).success).toBe(false);
		const account = { name: 'Nia Patel', email: 'nia@example.com', password: 'a long passphrase' };
		expect(bodyOf('/auth/register').safeParse(account).success).toBe(true);
		expect(bodyOf('/auth/register').safeParse({ ...account, password: 'short' }).success).toBe(
			false
		);
		expect(bodyOf('/auth/login').safeParse(account).success).toBe(true);
		expect(bodyOf('/auth/refresh').safeParse({ refresh_token: 'abc' }).success).toBe(true);
		expect(bodyOf('/auth/refresh').safeParse({}).success).toBe(false);
		const waitlist = { email: 'nia@example.com', postcode: 'CF10 1AA' };
		expect(bodyOf('/coverage-requests').safeParse(waitlist).success).toBe(true);
		expect(bodyOf('/coverage-requests').safeParse({ ...waitlist, name: 'x' }).success).toBe(false);
		const cleaner = {
			name: 'Dana Cole',
			email: 'dana@example.co.uk',
			location_id: null,
			schedule: [{ day_of_week: 0, start_minute: 480, end_minute: 960, breaks: [] }],
			services: [{ service_id: id, price_override: 5500, duration_override: null }],
			areas: [{ postcode: 'N16', radius_km: 4 }]
		};
		expect(bodyOf('/admin/staff').safeParse(cleaner).success).toBe(true);
		expect(bodyOf('/admin/staff').safeParse({ ...cleaner, colour: 'red' }).success).toBe(false);
		const hours = [{ day_of_week: 0, start_minute: '08:00', end_minute: 960 }];
		expect(bodyOf('/admin/staff').safeParse({ ...cleaner, schedule: hours }).success).toBe(false);
		const service = { category_id: id, name: 'Office clean', duration_minutes: 120, price: 9000 };
		expect(bodyOf('/admin/services').safeParse(service).success).toBe(true);
		expect(bodyOf('/admin/services').safeParse({ name: 'Office clean' }).success).toBe(false);
		expect(bodyOf('/admin/customers').safeParse({ name: 'Nia', tags: ['dog'] }).success).toBe(true);
		expect(bodyOf('/admin/customers').safeParse({ name: 'Nia', vip: true }).success).toBe(false);
	});
});
