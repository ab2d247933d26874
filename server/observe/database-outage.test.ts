import { describe, expect, it } from 'vitest';
import { unexpectedErrorBody, UNAVAILABLE_MESSAGE } from '../api/envelope.ts';
import { asUnavailable, RETRY_AFTER_SECONDS, serviceUnavailable } from './database-outage.ts';

describe('answers while the database is out of reach', () => {
	it('are 503 with Retry-After: the REST envelope under /api, plain text elsewhere', async () => {
		const api = serviceUnavailable('/api/v1/bookings/');
		expect(api.status).toBe(503);
		expect(api.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
		const body = await api.json();
		expect(body.success).toBe(false);
		expect(body.error).toEqual({
			code: 'SERVICE_UNAVAILABLE',
			message: UNAVAILABLE_MESSAGE,
			details: {}
		});

		const page = serviceUnavailable('/book');
		expect(page.status).toBe(503);
		expect(page.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
		expect(page.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(await page.text()).toBe(UNAVAILABLE_MESSAGE);
	});

	it('turn the error answer SvelteKit drew into a 503, keeping its body and headers', async () => {
		const drawn = new Response('<h1>error page</h1>', {
			status: 500,
			headers: { 'content-type': 'text/html', 'x-request-id': 'r1' }
		});
		const answer = asUnavailable(drawn);
		expect(answer.status).toBe(503);
		expect(answer.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
		expect(answer.headers.get('x-request-id')).toBe('r1');
		expect(await answer.text()).toBe('<h1>error page</h1>');
	});

	it('give handleError the SERVICE_UNAVAILABLE body, and pages the same words', () => {
		expect(unexpectedErrorBody('/api/v1/staff/', 503, 'Internal Error', true)).toMatchObject({
			message: UNAVAILABLE_MESSAGE,
			error: { code: 'SERVICE_UNAVAILABLE', message: UNAVAILABLE_MESSAGE }
		});
		expect(unexpectedErrorBody('/office', 503, 'Internal Error', true)).toEqual({
			message: UNAVAILABLE_MESSAGE
		});
		// Any other failure is still the plain internal error.
		expect(unexpectedErrorBody('/api/v1/staff/', 500, 'Internal Error')).toMatchObject({
			error: { code: 'INTERNAL_ERROR' }
		});
	});
});
