import { describe, expect, it } from 'vitest';
import { DEFAULT_BOOKING_SETTINGS } from './booking-policy.ts';
import { amountDueNow, depositRefundable } from './deposit.ts';

const due = (total: number, rule: Parameters<typeof amountDueNow>[1]) => amountDueNow(total, rule);

describe('amountDueNow', () => {
	it('takes the whole price for a service paid in full', () => {
		expect(due(4800, { kind: 'full' })).toEqual({ ok: true, amount: 4800, paysInFull: true });
		expect(due(0, { kind: 'full' })).toEqual({ ok: true, amount: 0, paysInFull: true });
	});

	it('takes a percentage, rounded half up in whole pence', () => {
		expect(due(22000, { kind: 'percent', value: 25 })).toEqual({
			ok: true,
			amount: 5500,
			paysInFull: false
		});
		// 12350 × 25 % = 3087.5 → 3088; 12349 × 25 % = 3087.25 → 3087; 12351 × 25 % = 3087.75 → 3088.
		expect(due(12350, { kind: 'percent', value: 25 })).toMatchObject({ amount: 3088 });
		expect(due(12349, { kind: 'percent', value: 25 })).toMatchObject({ amount: 3087 });
		expect(due(12351, { kind: 'percent', value: 25 })).toMatchObject({ amount: 3088 });
		// 1 penny at 50 % is half a penny: half up makes it the whole penny.
		expect(due(1, { kind: 'percent', value: 50 })).toEqual({
			ok: true,
			amount: 1,
			paysInFull: true
		});
		expect(due(9999, { kind: 'percent', value: 100 })).toEqual({
			ok: true,
			amount: 9999,
			paysInFull: true
		});
	});

	it('takes a fixed sum, but never more than the total', () => {
		expect(due(18000, { kind: 'fixed', value: 3000 })).toEqual({
			ok: true,
			amount: 3000,
			paysInFull: false
		});
		expect(due(2500, { kind: 'fixed', value: 3000 })).toEqual({
			ok: true,
			amount: 2500,
			paysInFull: true
		});
		expect(due(0, { kind: 'fixed', value: 3000 })).toMatchObject({ amount: 0 });
	});

	it('is never negative nor above the total, for any total and rule', () => {
		for (const total of [0, 1, 2, 3, 99, 100, 101, 4999, 34000, 100_000_007]) {
			for (const rule of [
				{ kind: 'full' } as const,
				...[1, 10, 25, 33, 50, 99, 100].map((value) => ({ kind: 'percent', value }) as const),
				...[1, 3000, 10_000_000_000].map((value) => ({ kind: 'fixed', value }) as const)
			]) {
				const result = due(total, rule);
				if (!result.ok) throw new Error(result.message);
				expect(result.amount).toBeGreaterThanOrEqual(0);
				expect(result.amount).toBeLessThanOrEqual(total);
				expect(Number.isInteger(result.amount)).toBe(true);
				expect(result.paysInFull).toBe(result.amount === total);
			}
		}
	});

	it('refuses a total that is not whole pence, and a rule out of range', () => {
		expect(due(-1, { kind: 'full' })).toMatchObject({ ok: false, reason: 'INVALID_PRICE' });
		expect(due(10.5, { kind: 'full' })).toMatchObject({ ok: false, reason: 'INVALID_PRICE' });
		expect(due(Number.MAX_SAFE_INTEGER, { kind: 'percent', value: 10 })).toMatchObject({
			ok: false,
			reason: 'INVALID_PRICE'
		});
		for (const value of [0, 101, 12.5, -5]) {
			expect(due(1000, { kind: 'percent', value })).toMatchObject({
				ok: false,
				reason: 'INVALID_DEPOSIT'
			});
		}
		for (const value of [0, -100, 0.5]) {
			expect(due(1000, { kind: 'fixed', value })).toMatchObject({
				ok: false,
				reason: 'INVALID_DEPOSIT'
			});
		}
		const unknown = { kind: 'half' } as unknown as Parameters<typeof amountDueNow>[1];
		expect(due(1000, unknown)).toMatchObject({ ok: false, reason: 'INVALID_DEPOSIT' });
	});

	it('leaves its inputs alone', () => {
		const rule = Object.freeze({ kind: 'percent', value: 25 } as const);
		expect(due(1000, rule)).toMatchObject({ amount: 250 });
		expect(rule).toEqual({ kind: 'percent', value: 25 });
	});
});

describe('depositRefundable', () => {
	const settings = DEFAULT_BOOKING_SETTINGS; // 24-hour cut-off, Europe/London
	const at = (iso: string) => Date.parse(iso);

	it('refunds before the cut-off, keeps the deposit from the cut-off on', () => {
		const start = at('2026-06-10T09:00:00Z'); // 10:00 BST
		expect(depositRefundable(at('2026-06-08T12:00:00Z'), start, 'confirmed', settings)).toBe(true);
		expect(depositRefundable(at('2026-06-09T08:59:59Z'), start, 'confirmed', settings)).toBe(true);
		expect(depositRefundable(at('2026-06-09T09:00:00Z'), start, 'confirmed', settings)).toBe(false);
		expect(depositRefundable(at('2026-06-10T10:00:00Z'), start, 'confirmed', settings)).toBe(false);
	});

	it('counts the cut-off in real hours across the clocks going forward (29 March 2026)', () => {
		const start = at('2026-03-29T09:00:00Z'); // 10:00 BST, Sunday
		expect(depositRefundable(at('2026-03-28T08:59:00Z'), start, 'confirmed', settings)).toBe(true);
		expect(depositRefundable(at('2026-03-28T09:00:00Z'), start, 'confirmed', settings)).toBe(false);
	});

	it('counts the cut-off in real hours across the clocks going back (25 October 2026)', () => {
		const start = at('2026-10-25T10:00:00Z'); // 10:00 GMT, Sunday; 11:00 BST on the Saturday
		expect(depositRefundable(at('2026-10-24T09:59:00Z'), start, 'pending', settings)).toBe(true);
		expect(depositRefundable(at('2026-10-24T10:00:00Z'), start, 'pending', settings)).toBe(false);
	});

	it('follows the office’s cut-off, and never refunds a booking that could not be cancelled', () => {
		const start = at('2026-06-10T09:00:00Z');
		const noCutoff = { ...settings, cancellationCutoffMinutes: 0 };
		expect(depositRefundable(at('2026-06-10T08:59:00Z'), start, 'confirmed', noCutoff)).toBe(true);
		expect(depositRefundable(at('2026-06-01T00:00:00Z'), start, 'completed', settings)).toBe(false);
		expect(depositRefundable(at('2026-06-01T00:00:00Z'), start, 'cancelled', settings)).toBe(false);
	});
});
