import { describe, expect, it } from 'vitest';
import { fromPayPalValue, toPayPalValue } from './paypal-money.ts';

describe('PayPal amounts', () => {
	it('writes pence as PayPal’s decimal strings', () => {
		expect(toPayPalValue(3000, 'GBP')).toBe('30.00');
		expect(toPayPalValue(4805, 'gbp')).toBe('48.05');
		expect(toPayPalValue(7, 'EUR')).toBe('0.07');
		expect(toPayPalValue(500, 'JPY')).toBe('500');
		expect(() => toPayPalValue(12.5, 'GBP')).toThrow(RangeError);
		expect(() => toPayPalValue(-1, 'GBP')).toThrow(RangeError);
	});

	it('reads them back, refusing anything else', () => {
		expect(fromPayPalValue('30.00', 'GBP')).toBe(3000);
		expect(fromPayPalValue('30.5', 'GBP')).toBe(3050);
		expect(fromPayPalValue('30', 'GBP')).toBe(3000);
		expect(fromPayPalValue('0.07', 'GBP')).toBe(7);
		expect(fromPayPalValue('500', 'JPY')).toBe(500);
		for (const bad of ['', '1.234', '-1.00', '1e3', ' 1.00', '1,00'])
			expect(fromPayPalValue(bad, 'GBP')).toBeNull();
		expect(fromPayPalValue('5.00', 'JPY')).toBeNull();
	});
});
