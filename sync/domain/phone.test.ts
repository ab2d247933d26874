import { describe, expect, it } from 'vitest';
import { parseUkPhone } from './phone.ts';

describe('parseUkPhone', () => {
	it('normalises the usual ways of writing a UK number', () => {
		for (const written of [
			'07700 900123',
			'07700900123',
			'+44 7700 900123',
			'+44 (0)7700 900123',
			'0044 7700-900123'
		]) {
			expect(parseUkPhone(written)).toEqual({ ok: true, phone: '+447700900123' });
		}
		expect(parseUkPhone('(020) 7946 0018')).toEqual({ ok: true, phone: '+442079460018' });
	});

	it('refuses numbers that are not UK numbers, or the wrong length', () => {
		for (const bad of [
			'',
			'12345',
			'+33 6 12 34 56 78',
			'07700 90012345',
			'00 7700 900123',
			'call me'
		]) {
			expect(parseUkPhone(bad)).toMatchObject({ ok: false, reason: 'INVALID_PHONE' });
		}
	});
});
