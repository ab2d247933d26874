import { describe, expect, it } from 'vitest';
import { quotePrice, type QuoteExtra, type QuoteInput, vatInTotal } from './pricing.ts';

const DISCOUNTS = { weekly: 15, fortnightly: 10, four_weekly: 5 };
const INCL_20 = { ratePercent: 20, pricesIncludeVat: true };
const EXCL_20 = { ratePercent: 20, pricesIncludeVat: false };

function input(overrides: Partial<QuoteInput> = {}): QuoteInput {
	return {
		serviceName: 'Regular clean',
		servicePrice: 4500,
		extras: [],
		frequency: 'one_off',
		discounts: DISCOUNTS,
		vat: INCL_20,
		...overrides
	};
}

function extra(overrides: Partial<QuoteExtra> = {}): QuoteExtra {
	return {
		extraId: 'oven',
		name: 'Oven clean',
		unitPrice: 2500,
		quantity: 1,
		maxQuantity: 2,
		...overrides
	};
}

describe('quotePrice, prices including VAT', () => {
	it('quotes a one-off clean with no discount', () => {
		expect(quotePrice(input())).toEqual({
			ok: true,
			lines: [{ label: 'Regular clean', amount: 4500 }],
			subtotal: 4500,
			discount: 0,
			net: 3750,
			vat: 750,
			total: 4500
		});
	});

	it('works the documented example: 15 % off £45.00, VAT extracted with half-up rounding', () => {
		const quote = quotePrice(
			input({ frequency: 'fortnightly', discounts: { ...DISCOUNTS, fortnightly: 15 } })
		);
		// total 3825; 3825 / 1.2 = 3187.5 → net 3188, vat 637.
		expect(quote).toMatchObject({
			subtotal: 4500,
			discount: 675,
			total: 3825,
			net: 3188,
			vat: 637
		});
	});

	it('adds extras and applies the weekly discount to the whole subtotal', () => {
		const quote = quotePrice(
			input({
				frequency: 'weekly',
				extras: [
					extra({ quantity: 2 }),
					extra({ extraId: 'fridge', name: 'Inside fridge', unitPrice: 1200, maxQuantity: 1 })
				]
			})
		);
		expect(quote).toEqual({
			ok: true,
			lines: [
				{ label: 'Regular clean', amount: 4500 },
				{ label: 'Oven clean × 2', amount: 5000 },
				{ label: 'Inside fridge', amount: 1200 }
			],
			subtotal: 10700,
			discount: 1605, // 10700 × 15 % = 1605
			net: 7579, // 9095 / 1.2 = 7579.17 → 7579
			vat: 1516,
			total: 9095
		});
	});
});

describe('quotePrice, prices excluding VAT', () => {
	it('adds VAT on top of the discounted price', () => {
		const quote = quotePrice(
			input({
				vat: EXCL_20,
				frequency: 'fortnightly',
				discounts: { ...DISCOUNTS, fortnightly: 15 }
			})
		);
		expect(quote).toMatchObject({
			subtotal: 4500,
			discount: 675,
			net: 3825,
			vat: 765,
			total: 4590
		});
	});

	it('rounds a half-penny discount and a half-penny VAT up', () => {
		// 1050 × 15 % = 157.5 → 158; net 892; 892 × 12.5 % = 111.5 → 112.
		const quote = quotePrice(
			input({
				servicePrice: 1050,
				frequency: 'weekly',
				vat: { ratePercent: 12.5, pricesIncludeVat: false }
			})
		);
		expect(quote).toMatchObject({ subtotal: 1050, discount: 158, net: 892, vat: 112, total: 1004 });
	});

	it('rounds below a half down', () => {
		// 1003 × 5 % = 50.15 → 50; 953 × 20 % = 190.6 → 191.
		const quote = quotePrice(input({ servicePrice: 1003, frequency: 'four_weekly', vat: EXCL_20 }));
		expect(quote).toMatchObject({ discount: 50, net: 953, vat: 191, total: 1144 });
	});
});

describe('quotePrice, edge cases', () => {
	it('keeps a zero-priced extra as a line worth 0', () => {
		const quote = quotePrice(
			input({ extras: [extra({ extraId: 'keys', name: 'Key collection', unitPrice: 0 })] })
		);
		expect(quote).toMatchObject({
			ok: true,
			lines: [
				{ label: 'Regular clean', amount: 4500 },
				{ label: 'Key collection', amount: 0 }
			],
			subtotal: 4500,
			total: 4500
		});
	});

	it('charges no VAT at 0 %, whether prices include it or not', () => {
		for (const pricesIncludeVat of [true, false]) {
			expect(quotePrice(input({ vat: { ratePercent: 0, pricesIncludeVat } }))).toMatchObject({
				net: 4500,
				vat: 0,
				total: 4500
			});
		}
	});

	it('uses a staff override of 0 rather than the service price', () => {
		expect(quotePrice(input({ staffPriceOverride: 0 }))).toMatchObject({
			lines: [{ label: 'Regular clean', amount: 0 }],
			subtotal: 0,
			net: 0,
			vat: 0,
			total: 0
		});
	});

	it('ignores a null override and multiplies a per-person price (override included)', () => {
		expect(quotePrice(input({ staffPriceOverride: null }))).toMatchObject({ subtotal: 4500 });
		const perPerson = { priceIsPerPerson: true, persons: 3, servicePrice: 2000 };
		expect(quotePrice(input(perPerson))).toMatchObject({
			lines: [{ label: 'Regular clean (3 persons)', amount: 6000 }],
			subtotal: 6000
		});
		expect(quotePrice(input({ ...perPerson, staffPriceOverride: 1800 }))).toMatchObject({
			subtotal: 5400
		});
		expect(quotePrice(input({ priceIsPerPerson: true, serviceName: undefined }))).toMatchObject({
			lines: [{ label: 'Service (1 person)', amount: 4500 }]
		});
		// Not per person: persons is ignored.
		expect(quotePrice(input({ persons: 4 }))).toMatchObject({ subtotal: 4500 });
	});

	it('rejects negative or fractional prices, naming what is wrong', () => {
		expect(quotePrice(input({ servicePrice: -100 }))).toEqual({
			ok: false,
			reason: 'INVALID_PRICE',
			message: 'The service price must be a whole number of pence, 0 or more (got -100).'
		});
		expect(quotePrice(input({ staffPriceOverride: 12.5 }))).toMatchObject({
			reason: 'INVALID_PRICE',
			message: expect.stringContaining("The cleaner's price for this service")
		});
		expect(quotePrice(input({ extras: [extra({ unitPrice: -1 })] }))).toMatchObject({
			reason: 'INVALID_PRICE',
			message: expect.stringContaining('The price of "Oven clean"')
		});
	});

	it('rejects a quantity outside 1..maxQuantity, naming the extra', () => {
		expect(quotePrice(input({ extras: [extra({ quantity: 3 })] }))).toEqual({
			ok: false,
			reason: 'INVALID_QUANTITY',
			message: 'The quantity of "Oven clean" must be from 1 to 2 (got 3).'
		});
		for (const quantity of [0, -1, 1.5, Number.NaN]) {
			expect(quotePrice(input({ extras: [extra({ quantity })] }))).toMatchObject({
				reason: 'INVALID_QUANTITY',
				message: expect.stringContaining('"Oven clean"')
			});
		}
		expect(quotePrice(input({ extras: [extra({ quantity: 2, maxQuantity: 1 })] }))).toMatchObject({
			message: 'The quantity of "Oven clean" must be exactly 1 (got 2).'
		});
	});

	it('rejects the same extra listed twice (which would beat maxQuantity)', () => {
		const twice = [extra({ quantity: 2 }), extra({ quantity: 2 })];
		expect(quotePrice(input({ extras: twice }))).toEqual({
			ok: false,
			reason: 'INVALID_QUANTITY',
			message: '"Oven clean" is listed more than once.'
		});
	});

	it('rejects a per-person booking without a whole number of persons', () => {
		for (const persons of [0, 2.5, -3]) {
			expect(quotePrice(input({ priceIsPerPerson: true, persons }))).toMatchObject({
				ok: false,
				reason: 'INVALID_QUANTITY'
			});
		}
	});

	it('rejects out-of-range or over-precise percentages', () => {
		expect(
			quotePrice(input({ frequency: 'four_weekly', discounts: { ...DISCOUNTS, four_weekly: 101 } }))
		).toEqual({
			ok: false,
			reason: 'INVALID_PRICE',
			message: 'The four-weekly discount must be a percentage from 0 to 100 (got 101).'
		});
		expect(quotePrice(input({ vat: { ratePercent: -5, pricesIncludeVat: true } }))).toMatchObject({
			reason: 'INVALID_PRICE'
		});
		expect(
			quotePrice(input({ vat: { ratePercent: 20.001, pricesIncludeVat: true } }))
		).toMatchObject({ reason: 'INVALID_PRICE' });
		// A broken discount for another frequency does not block a one-off quote.
		expect(quotePrice(input({ discounts: { ...DISCOUNTS, weekly: Number.NaN } }))).toMatchObject({
			ok: true
		});
	});

	it('gives 100 % off as a free clean', () => {
		expect(
			quotePrice(input({ frequency: 'weekly', discounts: { ...DISCOUNTS, weekly: 100 } }))
		).toMatchObject({ discount: 4500, net: 0, vat: 0, total: 0 });
	});

	it('does not change its input', () => {
		const value = input({ extras: [extra()] });
		const copy = structuredClone(value);
		quotePrice(value);
		expect(value).toEqual(copy);
	});
});

describe('vatInTotal', () => {
	const discounts = { weekly: 0, fortnightly: 0, four_weekly: 0 };
	it('finds the net and VAT quotePrice put in every total, both ways of pricing, several rates', () => {
		for (const ratePercent of [20, 5, 17.5, 0]) {
			for (const pricesIncludeVat of [true, false]) {
				const vat = { ratePercent, pricesIncludeVat };
				for (let price = 0; price <= 3000; price += 7) {
					const quote = quotePrice({
						servicePrice: price,
						extras: [],
						frequency: 'one_off',
						discounts,
						vat
					});
					if (!quote.ok) throw new Error(quote.message);
					expect(vatInTotal(quote.total, vat)).toEqual({ net: quote.net, vat: quote.vat });
				}
			}
		}
	});
});
