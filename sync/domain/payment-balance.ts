/**
 * What a booking has paid and what may still go back, from its payment and refund rows (pence).
 *
 * Online money goes back through the gateway that took it, one payment at a time; money taken by
 * hand (cash, bank transfer) goes back by hand. So a booking paid £30 online and £20 in cash can
 * refund at most £30 through the gateway and £20 by hand, never more than was paid.
 */

export type PaymentLine = {
	id: string;
	amount: number;
	/** Only `succeeded` and `refunded` payments took money (a refunded one took it, then gave it back). */
	status: string;
	/** Taken by a gateway (card), which must give it back. */
	online: boolean;
	createdAt: number;
};

export type RefundLine = { paymentId: string | null; amount: number; method: string };

export type Balance = {
	paid: number;
	refunded: number;
	/** paid − refunded: what the business holds for this booking. */
	net: number;
	/** Online payments that can still give money back, newest first. */
	online: { paymentId: string; refundable: number }[];
	onlineRefundable: number;
	byHandRefundable: number;
};

const took = (p: PaymentLine) => p.status === 'succeeded' || p.status === 'refunded';

export function balanceOf(
	payments: readonly PaymentLine[],
	refunds: readonly RefundLine[]
): Balance {
	const taken = payments.filter(took);
	const paid = sum(taken.map((p) => p.amount));
	const refunded = sum(refunds.map((r) => r.amount));
	const online = taken
		.filter((p) => p.online)
		.toSorted((a, b) => b.createdAt - a.createdAt)
		.map((p) => ({
			paymentId: p.id,
			refundable:
				p.amount -
				sum(
					refunds.filter((r) => r.method === 'gateway' && r.paymentId === p.id).map((r) => r.amount)
				)
		}))
		.filter((p) => p.refundable > 0);
	const byHandPaid = sum(taken.filter((p) => !p.online).map((p) => p.amount));
	const byHandRefunded = sum(refunds.filter((r) => r.method !== 'gateway').map((r) => r.amount));
	return {
		paid,
		refunded,
		net: paid - refunded,
		online,
		onlineRefundable: sum(online.map((p) => p.refundable)),
		byHandRefundable: Math.max(0, byHandPaid - byHandRefunded)
	};
}

export type RefundPlan =
	| { ok: true; parts: { paymentId: string | null; amount: number }[] }
	| { ok: false; message: string };

/**
 * How a refund of `amount` by `method` is paid out: a gateway refund split over the online payments
 * (newest first), a refund by hand as one part. Refused when it is more than may go back that way.
 */
export function planRefund(
	balance: Balance,
	amount: number,
	method: 'gateway' | 'cash' | 'bank_transfer',
	formatMoney: (pence: number) => string
): RefundPlan {
	if (method !== 'gateway') {
		if (amount > balance.byHandRefundable)
			return {
				ok: false,
				message: balance.onlineRefundable
					? `At most ${formatMoney(balance.byHandRefundable)} can be refunded by hand; the rest was paid online and goes back through the card payment`
					: `At most ${formatMoney(balance.byHandRefundable)} can be refunded: that is what was paid and not yet refunded`
			};
		return { ok: true, parts: [{ paymentId: null, amount }] };
	}
	if (amount > balance.onlineRefundable)
		return {
			ok: false,
			message: `At most ${formatMoney(balance.onlineRefundable)} can be refunded through the card payment`
		};
	const parts: { paymentId: string; amount: number }[] = [];
	let left = amount;
	for (const p of balance.online) {
		if (left === 0) break;
		const part = Math.min(left, p.refundable);
		parts.push({ paymentId: p.paymentId, amount: part });
		left -= part;
	}
	return { ok: true, parts };
}

/** The booking's payment status once its balance changed; null keeps the one it has. */
export function paymentStatusFor(balance: Balance, totalPrice: number) {
	if (balance.net > 0 && balance.net >= totalPrice) return 'paid' as const;
	if (balance.net > 0) return 'deposit_paid' as const;
	if (balance.refunded > 0) return 'refunded' as const;
	return null;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
