import { describe, expect, it } from 'vitest';
import { makeSigningKey, signWebhook } from '../../tests/fakes/paypal.ts';
import { trustedCertUrl, verifyPayPalEvent } from './paypal-signature.ts';

// PayPal's certificate-based webhook signature, checked by this server: which certificate
// addresses are trusted, and that the certificate must be in date and sign exactly these bytes.

const API = 'http://127.0.0.1:4010';
const WEBHOOK_ID = 'WH-ID-1';
const key = makeSigningKey();
const body = JSON.stringify({ id: 'WH-1', event_type: 'PAYMENT.CAPTURE.COMPLETED', resource: {} });

function check(certUrl: string, options: { now?: number; payload?: string } = {}) {
	const headers = new Headers(
		signWebhook(body, { webhookId: WEBHOOK_ID, privateKey: key.privateKey, certUrl })
	);
	return verifyPayPalEvent(new TextEncoder().encode(options.payload ?? body), headers, {
		webhookId: WEBHOOK_ID,
		apiBase: API,
		fetchCert: async () => key.certificate,
		now: options.now
	});
}

describe('PayPal webhook signatures', () => {
	it('trusts certificates only from PayPal’s API hosts over https, or the configured API', () => {
		for (const url of [
			'https://api.paypal.com/v1/notifications/certs/CERT-360caa42',
			'https://api-m.paypal.com/v1/notifications/certs/CERT-360caa42',
			'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42',
			'https://api-m.sandbox.paypal.com/c',
			`${API}/v1/notifications/certs/CERT-fake`
		])
			expect(trustedCertUrl(url, API), url).toBe(true);
		for (const url of [
			'http://api.paypal.com/c',
			'https://api.paypal.com:8443/c',
			'https://user@api.paypal.com/c',
			'https://api.paypal.com.evil.example/c',
			'https://evil.example/api.paypal.com/c',
			'https://paypal.com/c',
			'http://127.0.0.1:4011/c',
			'https://127.0.0.1:4010/c',
			'not a url'
		])
			expect(trustedCertUrl(url, API), url).toBe(false);
	});

	it('accepts a genuine signature and reads the event', async () => {
		const result = await check(`${API}/certs/genuine`);
		expect(result).toEqual({ ok: true, event: JSON.parse(body) });
	});

	it('refuses a changed body, and a certificate out of date', async () => {
		expect(await check(`${API}/certs/changed`, { payload: body.replace('WH-1', 'WH-2') })).toEqual({
			ok: false,
			message: 'The PayPal signature does not sign this body'
		});
		const day = 86_400_000;
		for (const now of [Date.now() + 5 * day, Date.now() - 2 * day]) {
			expect(await check(`${API}/certs/dated`, { now })).toEqual({
				ok: false,
				message: 'The signing certificate is not in date'
			});
		}
		expect((await check(`${API}/certs/dated`)).ok).toBe(true);
	});
});
