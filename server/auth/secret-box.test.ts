import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyId, SecretBoxError, secretBox } from './secret-box.ts';

const A = randomBytes(32).toString('base64');
const B = randomBytes(32).toString('base64');
const C = randomBytes(32).toString('base64');
const idOf = (key: string) => keyId(Buffer.from(key, 'base64'));

const box = (env: Record<string, string>, plain = false) =>
	secretBox('TEST_KEY', { plain, env: env as NodeJS.ProcessEnv });

/** A value in the format written before key ids (`v1.`), as older releases sealed it. */
function sealV1(key: string, secret: string) {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', Buffer.from(key, 'base64'), iv);
	const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
	return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

function refusal(fn: () => unknown): SecretBoxError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(SecretBoxError);
		return error as SecretBoxError;
	}
	throw new Error('expected a SecretBoxError');
}

describe('secret box', () => {
	it('seals with the current key and names it in the value', () => {
		const sealed = box({ TEST_KEY: A }).seal('JBSWY3DPEHPK3PXP');
		expect(sealed.startsWith(`v2.${idOf(A)}.`)).toBe(true);
		expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
		expect(box({ TEST_KEY: A }).open(sealed)).toBe('JBSWY3DPEHPK3PXP');
		// A fresh IV each time: the same secret never seals to the same value.
		expect(box({ TEST_KEY: A }).seal('JBSWY3DPEHPK3PXP')).not.toBe(sealed);
	});

	it('key ids differ between keys and reveal nothing of the key', () => {
		expect(idOf(A)).not.toBe(idOf(B));
		expect(idOf(A)).toMatch(/^[A-Za-z0-9_-]{11}$/);
		expect(A).not.toContain(idOf(A));
	});

	it('after rotation reads values sealed with a previous key, and seals new ones with the new key', () => {
		const old = box({ TEST_KEY: A }).seal('refresh-token-1');
		const rotated = box({ TEST_KEY: B, TEST_KEY_PREVIOUS: `${C}, ${A}` });
		expect(rotated.open(old)).toBe('refresh-token-1');
		expect(rotated.isStale(old)).toBe(true);
		const fresh = rotated.seal('refresh-token-1');
		expect(fresh.startsWith(`v2.${idOf(B)}.`)).toBe(true);
		expect(rotated.isStale(fresh)).toBe(false);
		// Once everything is re-sealed, B alone opens it; A alone does not.
		expect(box({ TEST_KEY: B }).open(fresh)).toBe('refresh-token-1');
		expect(() => box({ TEST_KEY: A }).open(fresh)).toThrow(SecretBoxError);
	});

	it('still reads the v1 format (no key id) with the current or a previous key', () => {
		const v1 = sealV1(A, 'JBSWY3DPEHPK3PXP');
		expect(box({ TEST_KEY: A }).open(v1)).toBe('JBSWY3DPEHPK3PXP');
		expect(box({ TEST_KEY: B, TEST_KEY_PREVIOUS: A }).open(v1)).toBe('JBSWY3DPEHPK3PXP');
		expect(box({ TEST_KEY: A }).isStale(v1)).toBe(true);
		const wrong = refusal(() => box({ TEST_KEY: B }).open(v1));
		expect(wrong.message).toContain('TEST_KEY_PREVIOUS');
		expect(wrong.variable).toBe('TEST_KEY');
	});

	it('a wrong key gives a clear error naming the variables, never garbage', () => {
		const sealed = box({ TEST_KEY: A }).seal('refresh-token-1');
		const error = refusal(() => box({ TEST_KEY: B, TEST_KEY_PREVIOUS: C }).open(sealed));
		expect(error.message).toContain(`key ${idOf(A)}`);
		expect(error.message).toContain('TEST_KEY');
		expect(error.message).toContain('TEST_KEY_PREVIOUS');
		expect(error.message).not.toContain(A);
	});

	it('a tampered value is refused as damaged', () => {
		const sealed = box({ TEST_KEY: A }).seal('refresh-token-1');
		// Flip a bit of the last byte itself: changing the last base64 character could touch only
		// padding bits, which decode to the same bytes.
		const dot = sealed.lastIndexOf('.');
		const bytes = Buffer.from(sealed.slice(dot + 1), 'base64url');
		bytes[bytes.length - 1] ^= 1;
		const tampered = `${sealed.slice(0, dot + 1)}${bytes.toString('base64url')}`;
		const error = refusal(() => box({ TEST_KEY: A }).open(tampered));
		expect(error.message).toContain('damaged');
	});

	it('a malformed key names its variable', () => {
		expect(refusal(() => box({ TEST_KEY: 'c2hvcnQ=' }).seal('x')).message).toMatch(
			/^TEST_KEY must be 32 bytes/
		);
		const previous = refusal(() =>
			box({ TEST_KEY: A, TEST_KEY_PREVIOUS: `${B},nope` }).open('v1.x')
		);
		expect(previous.variable).toBe('TEST_KEY_PREVIOUS');
	});

	it('plain where allowed: stored as is without a key, stale once a key is set', () => {
		expect(box({}, true).seal('JBSWY3DPEHPK3PXP')).toBe('plain.JBSWY3DPEHPK3PXP');
		expect(box({}, true).isStale('plain.JBSWY3DPEHPK3PXP')).toBe(false);
		expect(box({ TEST_KEY: A }, true).open('plain.JBSWY3DPEHPK3PXP')).toBe('JBSWY3DPEHPK3PXP');
		expect(box({ TEST_KEY: A }, true).isStale('plain.JBSWY3DPEHPK3PXP')).toBe(true);
		const never = refusal(() => box({}).seal('refresh-token-1'));
		expect(never.message).toBe('TEST_KEY must be set to store this secret');
		expect(box({}).ready()).toBe(false);
		expect(box({ TEST_KEY_PREVIOUS: A }).ready()).toBe(false);
	});

	it('without any key a sealed value says which variable to set', () => {
		const sealed = box({ TEST_KEY: A }).seal('x');
		expect(refusal(() => box({}).open(sealed)).message).toContain('TEST_KEY');
		expect(refusal(() => box({}).open(sealV1(A, 'x'))).message).toBe(
			'A sealed secret needs TEST_KEY to be read'
		);
	});
});
