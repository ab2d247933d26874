import { describe, expect, it } from 'vitest';
import { allowedOrigins, checkOrigin } from './origin.ts';

const APP = 'http://localhost:5173';
const ORIGINS = allowedOrigins(APP, 'https://book.example.co.uk');
const check = (method: string, path: string, headers: Record<string, string>) =>
	checkOrigin(method, path, new Headers(headers), ORIGINS);

describe('checkOrigin', () => {
	it('refuses a cross-site POST, PUT, PATCH or DELETE with a cookie, JSON or not', () => {
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
			expect(
				check(method, '/api/v1/bookings/', {
					origin: 'https://evil.example',
					cookie: 'valclean_session=x'
				}).ok
			).toBe(false);
			expect(
				check(method, '/api/zero/mutate', {
					origin: 'https://evil.example',
					'sec-fetch-site': 'cross-site',
					'content-type': 'application/json'
				}).ok
			).toBe(false);
		}
		// A sandboxed frame or a privacy setting sends the literal "null".
		expect(check('POST', '/api/field/events', { origin: 'null' }).ok).toBe(false);
		// Same site, other port (e.g. a page on zero-cache's port): still another origin.
		expect(
			check('POST', '/api/zero/mutate', {
				origin: 'http://localhost:4848',
				'sec-fetch-site': 'same-site'
			}).ok
		).toBe(false);
	});

	it('lets the app itself through: same origin, the public address, or no browser at all', () => {
		expect(
			check('POST', '/api/v1/bookings/', { origin: APP, 'sec-fetch-site': 'same-origin' }).ok
		).toBe(true);
		expect(check('POST', '/api/v1/bookings/', { 'sec-fetch-site': 'same-origin' }).ok).toBe(true);
		expect(check('POST', '/api/v1/bookings/', { origin: 'https://book.example.co.uk' }).ok).toBe(
			true
		);
		// zero-cache forwarding the browser's Origin, with no Sec-Fetch-Site of its own.
		expect(check('POST', '/api/zero/query', { origin: APP, cookie: 'valclean_session=x' }).ok).toBe(
			true
		);
		// curl, a REST client, zero-cache for a client with no Origin: no browser, no victim's cookie.
		expect(check('POST', '/api/zero/mutate', { cookie: 'valclean_session=x' }).ok).toBe(true);
	});

	it('leaves reads alone, and the webhook and bearer-token calls to their own checks', () => {
		for (const method of ['GET', 'HEAD', 'OPTIONS']) {
			expect(
				check(method, '/office', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })
					.ok
			).toBe(true);
		}
		expect(check('POST', '/api/v1/payments/webhook/', { origin: 'https://evil.example' }).ok).toBe(
			true
		);
		expect(
			check('POST', '/api/v1/bookings/', {
				origin: 'https://partner.example',
				authorization: 'Bearer abc'
			}).ok
		).toBe(true);
		// A bearer header does not excuse a request that also carries the cookie.
		expect(
			check('POST', '/api/v1/bookings/', {
				origin: 'https://evil.example',
				authorization: 'Bearer abc',
				cookie: 'valclean_session=x'
			}).ok
		).toBe(false);
	});

	it('takes extra origins from a comma-separated list', () => {
		expect(allowedOrigins(APP, APP, 'https://a.example/, https://b.example:8443/x')).toEqual([
			APP,
			'https://a.example',
			'https://b.example:8443'
		]);
	});
});
