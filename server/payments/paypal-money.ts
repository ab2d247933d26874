// PayPal writes amounts as decimal strings ("30.00"); the rest of the app counts minor units
// (pence). Converted with integer arithmetic only, so no float rounding reaches a payment.

/** PayPal's currencies that have no minor unit (https://developer.paypal.com/reference/currency-codes/). */
const WHOLE_UNITS = new Set(['HUF', 'JPY', 'TWD']);

/** 3000 GBP → "30.00"; 500 JPY → "500". */
export function toPayPalValue(minor: number, currency: string): string {
	if (!Number.isSafeInteger(minor) || minor < 0) throw new RangeError(`Bad amount ${minor}`);
	if (WHOLE_UNITS.has(currency.toUpperCase())) return String(minor);
	return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

/** "30.00" GBP → 3000; "30.5" → 3050; anything that is not a plain amount → null. */
export function fromPayPalValue(value: string, currency: string): number | null {
	const whole = WHOLE_UNITS.has(currency.toUpperCase());
	const match = (whole ? /^(\d{1,12})$/ : /^(\d{1,12})(?:\.(\d{1,2}))?$/).exec(value);
	if (!match) return null;
	if (whole) return Number(match[1]);
	return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
