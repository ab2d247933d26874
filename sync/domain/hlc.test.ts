import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, decodeHlc, encodeHlc, receive, tick, type Hlc } from './hlc.ts';

const T = Date.parse('2026-11-25T09:00:00Z');

describe('hybrid logical clock', () => {
	it('follows the wall clock, and counts when the clock stands still or runs back', () => {
		const a = tick(null, T, 'phone-a');
		expect(a).toEqual({ wall: T, counter: 0, device: 'phone-a' });
		const b = tick(a, T, 'phone-a');
		expect(b).toEqual({ wall: T, counter: 1, device: 'phone-a' });
		// The phone's clock is set back an hour: its next event still sorts after the last.
		const c = tick(b, T - 3_600_000, 'phone-a');
		expect(c).toEqual({ wall: T, counter: 2, device: 'phone-a' });
		expect(compareHlc(b, c)).toBeLessThan(0);
		expect(tick(c, T + 1, 'phone-a')).toEqual({ wall: T + 1, counter: 0, device: 'phone-a' });
	});

	it('after seeing a stamp from a device hours ahead, stamps after it', () => {
		const ahead: Hlc = { wall: T + 5 * 3_600_000, counter: 3, device: 'phone-b' };
		const mine = receive(tick(null, T, 'phone-a'), ahead, T + 1000, 'phone-a');
		expect(mine).toEqual({ wall: ahead.wall, counter: 4, device: 'phone-a' });
		expect(compareHlc(ahead, tick(mine, T + 2000, 'phone-a'))).toBeLessThan(0);
	});

	it('encodes to strings whose sort order is the clock order, and back', () => {
		const stamp = fc.record({
			wall: fc.integer({ min: 0, max: 9e14 }),
			counter: fc.integer({ min: 0, max: 999_999 }),
			device: fc.stringMatching(/^[a-z0-9-]{1,12}$/)
		});
		fc.assert(
			fc.property(stamp, stamp, (a, b) => {
				expect(decodeHlc(encodeHlc(a))).toEqual(a);
				const byText = encodeHlc(a) < encodeHlc(b) ? -1 : encodeHlc(a) > encodeHlc(b) ? 1 : 0;
				expect(Math.sign(compareHlc(a, b))).toBe(byText);
			})
		);
		expect(decodeHlc('not a stamp')).toBeNull();
	});

	it('never issues a stamp at or before one it issued or saw, whatever the wall clock does', () => {
		const step = fc.oneof(
			fc.record({ kind: fc.constant('tick' as const), now: fc.integer({ min: 0, max: 1e6 }) }),
			fc.record({
				kind: fc.constant('receive' as const),
				now: fc.integer({ min: 0, max: 1e6 }),
				wall: fc.integer({ min: 0, max: 1e6 }),
				counter: fc.integer({ min: 0, max: 50 })
			})
		);
		fc.assert(
			fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
				let last: Hlc | null = null;
				for (const s of steps) {
					const seen: Hlc | null =
						s.kind === 'receive' ? { wall: s.wall, counter: s.counter, device: 'other' } : null;
					const next: Hlc = seen ? receive(last, seen, s.now, 'me') : tick(last, s.now, 'me');
					if (last) expect(compareHlc(last, next)).toBeLessThan(0);
					if (seen) expect(compareHlc(seen, next)).toBeLessThan(0);
					last = next;
				}
			})
		);
	});
});
