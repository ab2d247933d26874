import { describe, expect, it } from 'vitest';
import { redact, redactText } from './redact.ts';

describe('redactText', () => {
	it.each([
		['mail to ann.lee+x@example.co.uk failed', 'mail to [email] failed'],
		['SMS to +44 7700 900123 refused', 'SMS to [phone] refused'],
		['SMS to 07700900123 refused', 'SMS to [phone] refused'],
		['call 020-7946-0958', 'call [phone]'],
		['no slots in SW1A 1AA today', 'no slots in [postcode] today'],
		['no slots in m1 1ae', 'no slots in [postcode]'],
		['postcode EC1A1BB', 'postcode [postcode]'],
		['Authorization: Bearer abc.def-123_xyz', 'Authorization: Bearer [token]'],
		['GET /booking/manage?token=s3cr3t&x=1', 'GET /booking/manage?token=[token]&x=1'],
		['callback?code=4/0AX&state=1', 'callback?code=[token]&state=1']
	])('%s', (text, masked) => {
		expect(redactText(text)).toBe(masked);
	});

	it('leaves ids, times and figures alone', () => {
		const text =
			'job 0197a3c2-5b1e-7c3d-9f00-1a2b3c4d5e6f took 0.123456789 s at 2026-12-01T18:56:59.123Z, 1733081234567 ms, route /office/bookings/[id], 500 rows';
		expect(redactText(text)).toBe(text);
	});
});

describe('redact', () => {
	it('drops fields named for personal data or secrets, whatever they hold', () => {
		const out = redact({
			email: 'ann@example.com',
			customerEmail: 'x',
			phone: 123,
			postcode: 'M1 1AE',
			addressLine1: '1 High St',
			to_address: 'x',
			name: 'Ann Lee',
			token: 'abc',
			refresh_token: 'abc',
			password: 'pw',
			authorization: 'Bearer x',
			cookie: 'session=1',
			apiKey: 'k',
			// Not personal: kept.
			route: '/book',
			status: 500,
			appointmentId: '0197a3c2-5b1e-7c3d-9f00-1a2b3c4d5e6f',
			attempts: 2
		});
		expect(out).toEqual({
			email: '[redacted]',
			customerEmail: '[redacted]',
			phone: '[redacted]',
			postcode: '[redacted]',
			addressLine1: '[redacted]',
			to_address: '[redacted]',
			name: '[redacted]',
			token: '[redacted]',
			refresh_token: '[redacted]',
			password: '[redacted]',
			authorization: '[redacted]',
			cookie: '[redacted]',
			apiKey: '[redacted]',
			route: '/book',
			status: 500,
			appointmentId: '0197a3c2-5b1e-7c3d-9f00-1a2b3c4d5e6f',
			attempts: 2
		});
	});

	it('masks text in nested values and arrays, and does not touch the input', () => {
		const input = {
			details: { notes: ['ring 07700 900123', 'ok'], customer: { email: 'a@b.co' } }
		};
		const copy = structuredClone(input);
		expect(redact(input)).toEqual({
			details: { notes: ['ring [phone]', 'ok'], customer: { email: '[redacted]' } }
		});
		expect(input).toEqual(copy);
	});

	it('turns an error into name, masked message and stack, with its code and cause', () => {
		const cause = new Error('no user ann@example.com');
		const error = Object.assign(new Error('reset for ann@example.com failed', { cause }), {
			code: 'E_MAIL'
		});
		const out = redact(error) as Record<string, unknown>;
		expect(out.name).toBe('Error');
		expect(out.message).toBe('reset for [email] failed');
		expect(out.stack).toContain('reset for [email] failed');
		expect(JSON.stringify(out)).not.toContain('ann@example.com');
		expect(out.code).toBe('E_MAIL');
		expect((out.cause as Record<string, unknown>).message).toBe('no user [email]');
	});

	it('survives cycles, dates and bigints', () => {
		const a: Record<string, unknown> = { when: new Date(0), big: 10n };
		a.self = a;
		expect(redact(a)).toEqual({ when: '1970-01-01T00:00:00.000Z', big: '10', self: '[circular]' });
	});
});
