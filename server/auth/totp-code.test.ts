import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { describe, expect, it } from 'vitest';
import {
	codeForStep,
	matchingStep,
	newTotpSecret,
	secretBytes,
	stepAt,
	totpCode,
	totpKeyUri
} from './totp-code.ts';

// RFC 6238 Appendix B: SHA-1, the ASCII key "12345678901234567890", 30-second steps, 8 digits.
const RFC_KEY = new TextEncoder().encode('12345678901234567890');
const RFC_SECRET = encodeBase32UpperCaseNoPadding(RFC_KEY);
const VECTORS: [number, string][] = [
	[59, '94287082'],
	[1111111109, '07081804'],
	[1111111111, '14050471'],
	[1234567890, '89005924'],
	[2000000000, '69279037'],
	[20000000000, '65353130']
];

describe('TOTP codes', () => {
	it('match the RFC 6238 test vectors (8 digits)', () => {
		for (const [seconds, code] of VECTORS) {
			expect(codeForStep(RFC_KEY, stepAt(seconds * 1000), 8), `T=${seconds}`).toBe(code);
		}
	});

	it('give the last 6 digits of the vectors as the 6-digit code apps show', () => {
		for (const [seconds, code] of VECTORS) {
			expect(totpCode(RFC_SECRET, seconds * 1000), `T=${seconds}`).toBe(code.slice(2));
		}
	});

	it('accept the code of the step before, now and after, and nothing further', () => {
		const t = 1111111111 * 1000;
		const step = stepAt(t);
		const code = (s: number) => codeForStep(RFC_KEY, s);
		expect(matchingStep(RFC_SECRET, code(step), t)).toBe(step);
		expect(matchingStep(RFC_SECRET, code(step - 1), t)).toBe(step - 1);
		expect(matchingStep(RFC_SECRET, code(step + 1), t)).toBe(step + 1);
		expect(matchingStep(RFC_SECRET, code(step - 2), t)).toBeNull();
		expect(matchingStep(RFC_SECRET, code(step + 2), t)).toBeNull();
		// 30 seconds later the old "now" is the step before: still fine; 60 seconds later, not.
		expect(matchingStep(RFC_SECRET, code(step), t + 30_000)).toBe(step);
		expect(matchingStep(RFC_SECRET, code(step), t + 60_000)).toBeNull();
	});

	it('forgive spaces in the code and in the secret, refuse anything not six digits', () => {
		const t = 59_000;
		expect(matchingStep(RFC_SECRET.toLowerCase().replace(/(.{4})/g, '$1 '), '287 082', t)).toBe(1);
		for (const bad of ['', '28708', '2870820', 'abcdef', '94287082']) {
			expect(matchingStep(RFC_SECRET, bad, t), bad).toBeNull();
		}
	});

	it('makes 20-byte secrets, different each time, and an otpauth link for them', () => {
		const a = newTotpSecret();
		expect(secretBytes(a)).toHaveLength(20);
		expect(a).not.toBe(newTotpSecret());
		const uri = totpKeyUri(a, 'sam@valclean.test');
		expect(uri).toMatch(/^otpauth:\/\/totp\/VALClean:sam%40valclean\.test\?/);
		expect(new URL(uri).searchParams.get('secret')).toBe(a);
		expect(new URL(uri).searchParams.get('digits')).toBe('6');
		expect(new URL(uri).searchParams.get('period')).toBe('30');
	});
});
