import { describe, expect, it } from 'vitest';
import {
	isDue,
	RETENTION_DEFAULTS,
	retentionCutoff,
	retentionOf,
	retentionProblem
} from './retention.ts';

const at = (iso: string) => Date.parse(iso);

describe('retentionCutoff', () => {
	it('is the given number of 24-hour days before now, or null to keep forever', () => {
		const now = at('2026-06-30T03:30:00Z');
		expect(retentionCutoff(now, 90)).toBe(at('2026-04-01T03:30:00Z'));
		expect(retentionCutoff(now, 1)).toBe(at('2026-06-29T03:30:00Z'));
		expect(retentionCutoff(now, null)).toBeNull();
	});

	it('counts 24-hour days across the clocks going back (25-hour Sunday 25 October 2026)', () => {
		expect(retentionCutoff(at('2026-10-26T03:00:00Z'), 2)).toBe(at('2026-10-24T03:00:00Z'));
	});
});

describe('isDue', () => {
	const now = at('2026-06-30T03:30:00Z');
	it('is due strictly before the cut-off, kept at and after it', () => {
		expect(isDue(at('2026-04-01T03:29:59.999Z'), now, 90)).toBe(true);
		expect(isDue(at('2026-04-01T03:30:00Z'), now, 90)).toBe(false);
		expect(isDue(at('2026-06-29T12:00:00Z'), now, 90)).toBe(false);
	});

	it('is never due when the setting keeps data forever', () => {
		expect(isDue(at('2000-01-01T00:00:00Z'), now, null)).toBe(false);
	});
});

describe('retentionProblem', () => {
	it('takes whole days from 1 to 3650, or empty for forever', () => {
		for (const days of [1, 30, 3650, null])
			expect(retentionProblem('photoRetentionDays', days)).toBeNull();
	});

	it('names the setting and the range for anything else', () => {
		for (const days of [0, -5, 3651, 1.5, Number.NaN])
			expect(retentionProblem('positionRetentionDays', days)).toBe(
				'Keep GPS positions for 1 to 3650 whole days, or leave it empty to keep them forever'
			);
	});
});

describe('retentionOf', () => {
	it('keeps a null (forever) and fills a column the row does not have with its default', () => {
		expect(retentionOf({ photoRetentionDays: null, messageRetentionDays: 7 })).toEqual({
			photoRetentionDays: null,
			positionRetentionDays: RETENTION_DEFAULTS.positionRetentionDays,
			messageRetentionDays: 7,
			abandonedBookingRetentionDays: RETENTION_DEFAULTS.abandonedBookingRetentionDays
		});
	});
});
