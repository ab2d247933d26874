import { describe, expect, inject, it } from 'vitest';
import { z } from 'zod';

// The OpenAPI document of REST v1 as the running app serves it, and one live answer checked
// against it (server/api/openapi.test.ts checks the document itself).

const get = (path: string) => fetch(`${inject('appUrl')}/api/v1/${path}`);

describe('GET /api/v1/openapi.json', () => {
	it('serves the OpenAPI 3.1 document, cacheable, with or without the trailing slash', async () => {
		for (const path of ['openapi.json', 'openapi.json/']) {
			const response = await get(path);
			expect(response.status, path).toBe(200);
			expect(response.headers.get('content-type'), path).toContain('application/json');
			expect(response.headers.get('cache-control'), path).toBe('public, max-age=300');
			const document = await response.json();
			expect(document.openapi, path).toBe('3.1.0');
			expect(document.info.title, path).toBe('VALClean API');
			expect(Object.keys(document.paths), path).toContain('/bookings/{id}/reschedule');
		}
	});

	it('describes what GET /services really answers', async () => {
		const document = await (await get('openapi.json')).json();
		const { schemas } = document.components;
		// The schema of the 200 answer, its $refs into components inlined.
		const inline = (value: unknown): unknown => {
			if (Array.isArray(value)) return value.map(inline);
			if (!value || typeof value !== 'object') return value;
			const ref = (value as { $ref?: string }).$ref;
			if (ref) return inline(schemas[ref.replace('#/components/schemas/', '')]);
			return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inline(v)]));
		};
		const schema = inline(
			document.paths['/services'].get.responses['200'].content['application/json'].schema
		);
		const answer = await (await get('services/')).json();
		expect(answer.data.services.length).toBeGreaterThan(0);
		const parsed = z.fromJSONSchema(schema as never).safeParse(answer);
		expect(parsed.error).toBeUndefined();
	});
});
