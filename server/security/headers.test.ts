import { describe, expect, it } from 'vitest';
import { completePolicy, secureResponse } from './headers.ts';

const KIT =
	"script-src 'self' 'nonce-abc'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

describe('security headers', () => {
	it("adds zero-cache (http and ws) to connect-src and 'self' defaults to a page's policy", () => {
		const policy = completePolicy(KIT, { zeroUrl: 'http://localhost:4848', stripeJsUrl: null });
		expect(policy).toBe(
			"script-src 'self' 'nonce-abc'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; default-src 'self'; connect-src 'self' http://localhost:4848 ws://localhost:4848; frame-src 'self'"
		);
		const secure = completePolicy(KIT, {
			zeroUrl: 'https://sync.example.co.uk/',
			stripeJsUrl: null
		});
		expect(secure).toContain(
			"connect-src 'self' https://sync.example.co.uk wss://sync.example.co.uk"
		);
	});

	it('allows Stripe.js only when Stripe is configured', () => {
		const policy = completePolicy(KIT, {
			zeroUrl: 'http://localhost:4848',
			stripeJsUrl: 'https://js.stripe.com/v3/'
		});
		expect(policy).toContain("script-src 'self' 'nonce-abc' https://js.stripe.com");
		expect(policy).toContain(
			"connect-src 'self' http://localhost:4848 ws://localhost:4848 https://js.stripe.com https://api.stripe.com"
		);
		expect(policy).toContain("frame-src 'self' https://js.stripe.com https://hooks.stripe.com");
	});

	it('gives every answer nosniff, the referrer policy and no framing', () => {
		const json = secureResponse(new Response('{}'), {
			zeroUrl: 'http://localhost:4848',
			stripeJsUrl: null
		});
		expect(json.headers.get('x-content-type-options')).toBe('nosniff');
		expect(json.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(json.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
		const fetched = Response.redirect('http://localhost/x', 303);
		expect(
			secureResponse(fetched, { zeroUrl: 'http://localhost:4848', stripeJsUrl: null }).headers.get(
				'x-frame-options'
			)
		).toBe('DENY');
	});
});
