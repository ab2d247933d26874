import { canCustomerChange, type BookingSettings } from './booking-policy.ts';

/**
 * What a service asks for when it is booked: the whole price, a percentage of it (1–100), or a
 * fixed sum in pence. The same rule as the `services.deposit_*` columns.
 */
export type DepositRule =
	| { kind: 'full'; value?: number }
	| { kind: 'percent'; value: number }
	| { kind: 'fixed'; value: number };

export type AmountDue =
	| {
			ok: true;
			/** Pence to take now. */
			amount: number;
			/** Whether `amount` settles the whole booking (then it is not a deposit). */
			paysInFull: boolean;
	  }
	| { ok: false; reason: 'INVALID_PRICE' | 'INVALID_DEPOSIT'; message: string };

/**
 * The amount to take when a booking is paid for, in integer pence: never more than the total, never
 * negative. A percentage is rounded half up, exactly, in integers: 25 % of £123.50 is
 * 12350 × 25 / 100 = 3087.5 → 3088 pence. A fixed deposit larger than the total (£30 on a £25
 * clean) takes the total, which then pays in full.
 */
export function amountDueNow(total: number, rule: DepositRule): AmountDue {
	if (!Number.isSafeInteger(total) || total < 0) {
		return { ok: false, reason: 'INVALID_PRICE', message: 'The booking total is not a price' };
	}
	let amount: number;
	if (rule.kind === 'full') amount = total;
	else if (rule.kind === 'percent') {
		if (!Number.isInteger(rule.value) || rule.value < 1 || rule.value > 100) {
			return invalidDeposit('A percentage deposit must be a whole number from 1 to 100');
		}
		// total ≤ 2^53 / 100 keeps the product exact; (n − n mod 100) / 100 is an exact floor.
		if (total > Number.MAX_SAFE_INTEGER / 100) {
			return { ok: false, reason: 'INVALID_PRICE', message: 'The booking total is too large' };
		}
		const scaled = total * rule.value + 50;
		amount = (scaled - (scaled % 100)) / 100;
	} else if (rule.kind === 'fixed') {
		if (!Number.isSafeInteger(rule.value) || rule.value < 1) {
			return invalidDeposit('A fixed deposit must be a whole number of pence above 0');
		}
		amount = Math.min(rule.value, total);
	} else {
		return invalidDeposit('Unknown kind of deposit');
	}
	return { ok: true, amount, paysInFull: amount === total };
}

function invalidDeposit(message: string): AmountDue {
	return { ok: false, reason: 'INVALID_DEPOSIT', message };
}

/**
 * Whether cancelling at `now` gives the deposit back: yes while the customer may still cancel
 * (before the cut-off, by canCustomerChange), no after it — then the company keeps it for the
 * time it held. With the default 24-hour cut-off, a clean at 10:00 on Sunday 29 March 2026 (BST)
 * cancelled at 08:59 GMT on Saturday 28 March is refunded; at 09:00 GMT, 24 real hours before, it
 * is not. `status` is the booking's status before the cancellation.
 */
export function depositRefundable(
	now: number,
	appointmentStart: number,
	status: string,
	settings: BookingSettings
): boolean {
	return canCustomerChange(now, appointmentStart, status, settings).ok;
}
