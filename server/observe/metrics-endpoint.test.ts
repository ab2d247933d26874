import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { isLoopback, metricsAllowed, metricsResponse } from './metrics-endpoint.ts';

const get = (headers: Record<string, string> = {}) =>
	new Request('http://app.test/metrics', { headers });

describe('/metrics access', () => {
	it('is open to this machine only, and not through a proxy', () => {
		for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
			expect(isLoopback(a)).toBe(true);
		for (const a of ['10.0.0.1', '192.168.1.1', '::ffff:10.0.0.1', '', 'unknown'])
			expect(isLoopback(a)).toBe(false);
		expect(metricsAllowed(get(), '127.0.0.1', undefined)).toBe(true);
		expect(metricsAllowed(get(), '203.0.113.9', undefined)).toBe(false);
		expect(metricsAllowed(get({ 'x-forwarded-for': '203.0.113.9' }), '127.0.0.1', undefined)).toBe(
			false
		);
		expect(metricsAllowed(get({ forwarded: 'for=203.0.113.9' }), '::1', undefined)).toBe(false);
	});

	it('takes METRICS_TOKEN as a bearer token from anywhere, and nothing else', () => {
		const token = 'scrape-token-123';
		expect(metricsAllowed(get({ authorization: `Bearer ${token}` }), '203.0.113.9', token)).toBe(
			true
		);
		expect(
			metricsAllowed(get({ authorization: 'Bearer wrong-token-12' }), '203.0.113.9', token)
		).toBe(false);
		expect(metricsAllowed(get({ authorization: 'Bearer x' }), '203.0.113.9', token)).toBe(false);
		expect(metricsAllowed(get({ authorization: token }), '203.0.113.9', token)).toBe(false);
		// Without a token set, a bearer header opens nothing.
		expect(metricsAllowed(get({ authorization: 'Bearer ' }), '203.0.113.9', '')).toBe(false);
	});

	it('answers the text format, or a 404 that does not say the page exists', async () => {
		const registry = new Registry();
		const ok = await metricsResponse(registry, get(), '127.0.0.1');
		expect(ok.status).toBe(200);
		expect(ok.headers.get('content-type')).toContain('text/plain');
		const refused = await metricsResponse(registry, get(), '198.51.100.1');
		expect(refused.status).toBe(404);
		expect(await refused.text()).toBe('Not found');
	});
});
