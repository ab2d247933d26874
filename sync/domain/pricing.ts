import type { RecurringFrequency } from './recurrence.ts';

export type BookingFrequency = 'one_off' | RecurringFrequency;

export type QuoteExtra = {
	extraId: string;
	name: string;
	/** Pence per unit. */
	unitPrice: number;
	quantity: number;
	maxQuantity: number;
};

export type QuoteInput = {
	/** Label of the first line; 'Service' when absent. */
	serviceName?: string;
	/** Pence (per person when `priceIsPerPerson`). */
	servicePrice: number;
	/** The chosen cleaner's own price for this service, in pence; replaces `servicePrice` when set. */
	staffPriceOverride?: number | null;
	extras: readonly QuoteExtra[];
	persons?: number;
	priceIsPerPerson?: boolean;
	frequency: BookingFrequency;
	/** Percent off each clean of a recurring series, e.g. 15. Up to two decimal places. */
	discounts: Readonly<Record<RecurringFrequency, number>>;
	/** `ratePercent` e.g. 20; up to two decimal places. */
	vat: { ratePercent: number; pricesIncludeVat: boolean };
};

export type QuoteLine = { label: string; amount: number };

export type Quote =
	| {
			ok: true;
			lines: QuoteLine[];
			/** Sum of the lines. */
			subtotal: number;
			discount: number;
			/** Excluding VAT, after the discount. */
			net: number;
			vat: number;
			/** What the customer pays: net + vat. */
			total: number;
	  }
	| { ok: false; reason: 'INVALID_QUANTITY' | 'INVALID_PRICE'; message: string };

/**
 * The price of one clean, in integer pence. Rules, in order:
 * 1. base = the staff override when set (0 included), else the service price; × persons when the
 *    price is per person (the override replaces the per-person price, it is multiplied too).
 * 2. each extra = unitPrice × quantity, quantity a whole number from 1 to its maxQuantity.
 * 3. discount = round(subtotal × percent / 100) for weekly, fortnightly or four-weekly; 0 one-off.
 * 4. VAT-inclusive prices: total = subtotal − discount; net = round(total / (1 + rate / 100));
 *    vat = total − net. VAT-exclusive prices: net = subtotal − discount;
 *    vat = round(net × rate / 100); total = net + vat.
 * Every round() is half up, computed exactly in integers (BigInt), so no floating-point 0.4999….
 *
 * Worked example, prices include 20 % VAT, £45.00 clean fortnightly at 15 % off:
 *   subtotal 4500; discount = 4500 × 15 / 100 = 675 (exact); total = 4500 − 675 = 3825;
 *   net = 3825 / 1.2 = 3187.5 → 3188 (half up); vat = 3825 − 3188 = 637.
 * The same clean with prices excluding VAT: net 3825; vat = 3825 × 20 / 100 = 765; total 4590.
 * A half-penny discount rounds up: 1050 × 15 % = 157.5 → 158.
 */
export function quotePrice(input: QuoteInput): Quote {
	const override = input.staffPriceOverride;
	const unit = override ?? input.servicePrice;
	const unitCheck =
		override == null
			? checkPence(input.servicePrice, 'The service price')
			: checkPence(override, "The cleaner's price for this service");
	if (unitCheck) return unitCheck;

	const serviceName = input.serviceName ?? 'Service';
	const lines: QuoteLine[] = [];
	if (input.priceIsPerPerson) {
		const persons = input.persons ?? 1;
		if (!Number.isInteger(persons) || persons < 1) {
			return invalidQuantity(
				`The number of persons must be a whole number of at least 1 (got ${persons}).`
			);
		}
		const label = `${serviceName} (${persons} ${persons === 1 ? 'person' : 'persons'})`;
		lines.push({ label, amount: unit * persons });
	} else {
		lines.push({ label: serviceName, amount: unit });
	}

	// Security: one line per extra, so maxQuantity cannot be beaten by listing an extra twice.
	const seen = new Set<string>();
	for (const extra of input.extras) {
		const { name, unitPrice, quantity, maxQuantity } = extra;
		if (seen.has(extra.extraId)) return invalidQuantity(`"${name}" is listed more than once.`);
		seen.add(extra.extraId);
		const priceCheck = checkPence(unitPrice, `The price of "${name}"`);
		if (priceCheck) return priceCheck;
		if (!Number.isInteger(maxQuantity) || maxQuantity < 1) {
			return invalidQuantity(`"${name}" cannot be added to a booking.`);
		}
		if (!Number.isInteger(quantity) || quantity < 1 || quantity > maxQuantity) {
			const range = maxQuantity === 1 ? 'exactly 1' : `from 1 to ${maxQuantity}`;
			return invalidQuantity(`The quantity of "${name}" must be ${range} (got ${quantity}).`);
		}
		lines.push({
			label: quantity === 1 ? name : `${name} × ${quantity}`,
			amount: unitPrice * quantity
		});
	}

	const discountPercent = input.frequency === 'one_off' ? 0 : input.discounts[input.frequency];
	const discountBp = basisPoints(discountPercent);
	if (discountBp === null || discountBp > 10_000) {
		return invalidPrice(
			`The ${input.frequency.replace('_', '-')} discount must be a percentage from 0 to 100 (got ${discountPercent}).`
		);
	}
	const vatBp = basisPoints(input.vat.ratePercent);
	if (vatBp === null || vatBp > 10_000) {
		return invalidPrice(
			`The VAT rate must be a percentage from 0 to 100 (got ${input.vat.ratePercent}).`
		);
	}

	const subtotal = lines.reduce((sum, line) => sum + BigInt(line.amount), 0n);
	const discount = roundHalfUp(subtotal * BigInt(discountBp), 10_000n);
	let net: bigint, vat: bigint, total: bigint;
	if (input.vat.pricesIncludeVat) {
		total = subtotal - discount;
		net = roundHalfUp(total * 10_000n, 10_000n + BigInt(vatBp));
		vat = total - net;
	} else {
		net = subtotal - discount;
		vat = roundHalfUp(net * BigInt(vatBp), 10_000n);
		total = net + vat;
	}
	if (subtotal + vat > BigInt(Number.MAX_SAFE_INTEGER)) {
		return invalidPrice('The price is too large to quote.');
	}
	return {
		ok: true,
		lines,
		subtotal: Number(subtotal),
		discount: Number(discount),
		net: Number(net),
		vat: Number(vat),
		total: Number(total)
	};
}

/**
 * The net and VAT inside a total that quotePrice made, by the same rounding (for invoices, which
 * keep only the total). With VAT-exclusive prices the net is the one whose VAT brings it to the
 * total; rounding leaves at most one pence of doubt, checked both ways.
 */
export function vatInTotal(
	total: number,
	vat: { ratePercent: number; pricesIncludeVat: boolean }
): { net: number; vat: number } {
	const bp = BigInt(basisPoints(vat.ratePercent) ?? 0);
	const t = BigInt(total);
	if (vat.pricesIncludeVat) {
		const net = roundHalfUp(t * 10_000n, 10_000n + bp);
		return { net: Number(net), vat: Number(t - net) };
	}
	const guess = (t * 10_000n) / (10_000n + bp);
	for (const net of [guess, guess + 1n, guess - 1n]) {
		if (net >= 0n && net + roundHalfUp(net * bp, 10_000n) === t)
			return { net: Number(net), vat: Number(t - net) };
	}
	return { net: Number(guess), vat: Number(t - guess) };
}

/** n / d rounded half up, for n ≥ 0 and d > 0: (2n + d) div 2d. */
function roundHalfUp(n: bigint, d: bigint): bigint {
	return (2n * n + d) / (2n * d);
}

/** A percentage as an integer number of hundredths (basis points), or null if not 0..∞ with ≤ 2 dp. */
function basisPoints(percent: number): number | null {
	if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0) return null;
	const bp = Math.round(percent * 100);
	return Math.abs(bp - percent * 100) < 1e-6 ? bp : null;
}

function checkPence(value: unknown, what: string): Quote | undefined {
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return undefined;
	return invalidPrice(`${what} must be a whole number of pence, 0 or more (got ${String(value)}).`);
}

function invalidQuantity(message: string): Quote {
	return { ok: false, reason: 'INVALID_QUANTITY', message };
}

function invalidPrice(message: string): Quote {
	return { ok: false, reason: 'INVALID_PRICE', message };
}
