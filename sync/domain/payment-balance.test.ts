import { describe, expect, it } from 'vitest';
import { balanceOf, paymentStatusFor, planRefund, type PaymentLine } from './payment-balance.ts';

const money = (p: number) => `£${(p / 100).toFixed(2)}`;
const card = (
	id: string,
	amount: number,
	createdAt: number,
	status = 'succeeded'
): PaymentLine => ({
	id,
	amount,
	status,
	online: true,
	createdAt
});
const cash = (id: string, amount: number, status = 'succeeded'): PaymentLine => ({
	id,
	amount,
	status,
	online: false,
	createdAt: 0
});

describe('balanceOf', () => {
	it('counts succeeded and refunded payments as paid, not pending or failed ones', () => {
		const b = balanceOf(
			[
				card('a', 3000, 1),
				cash('b', 2000),
				card('c', 999, 2, 'pending'),
				card('d', 5, 3, 'failed')
			],
			[]
		);
		expect(b).toMatchObject({ paid: 5000, refunded: 0, net: 5000 });
		expect(b.onlineRefundable).toBe(3000);
		expect(b.byHandRefundable).toBe(2000);
	});

	it('takes refunds off the payment they gave back, and by-hand refunds off the cash', () => {
		const b = balanceOf(
			[card('a', 3000, 1), card('b', 1000, 2), cash('c', 2000)],
			[
				{ paymentId: 'a', amount: 500, method: 'gateway' },
				{ paymentId: null, amount: 1500, method: 'cash' }
			]
		);
		// paid 3000 + 1000 + 2000 = 6000; refunded 500 + 1500 = 2000; net 4000
		expect(b).toMatchObject({ paid: 6000, refunded: 2000, net: 4000 });
		expect(b.online).toEqual([
			{ paymentId: 'b', refundable: 1000 },
			{ paymentId: 'a', refundable: 2500 }
		]);
		expect(b.byHandRefundable).toBe(500);
	});
});

describe('planRefund', () => {
	const b = balanceOf([card('old', 2000, 1), card('new', 1000, 2), cash('c', 700)], []);

	it('splits a gateway refund over the online payments, newest first', () => {
		expect(planRefund(b, 2500, 'gateway', money)).toEqual({
			ok: true,
			parts: [
				{ paymentId: 'new', amount: 1000 },
				{ paymentId: 'old', amount: 1500 }
			]
		});
	});

	it('refuses more than was paid that way', () => {
		expect(planRefund(b, 3001, 'gateway', money)).toMatchObject({ ok: false });
		const byHand = planRefund(b, 701, 'cash', money);
		expect(byHand).toMatchObject({ ok: false });
		expect(!byHand.ok && byHand.message).toContain('£7.00');
		expect(planRefund(b, 700, 'bank_transfer', money)).toEqual({
			ok: true,
			parts: [{ paymentId: null, amount: 700 }]
		});
	});
});

describe('paymentStatusFor', () => {
	it('is paid in full, part paid, refunded, or unchanged', () => {
		const of = (net: number, refunded: number) =>
			paymentStatusFor({ ...balanceOf([], []), net, refunded }, 5000);
		expect(of(5000, 0)).toBe('paid');
		expect(of(4000, 1000)).toBe('deposit_paid');
		expect(of(0, 5000)).toBe('refunded');
		expect(of(0, 0)).toBeNull();
	});
});
