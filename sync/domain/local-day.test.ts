import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { addDays, isLocalDate, localDate, localDayBounds } from './local-day.ts';

const LONDON = 'Europe/London';
const HOUR = 3_600_000;

describe('localDayBounds', () => {
	it('spans 24 hours on an ordinary winter day, starting at midnight GMT', () => {
		const { start, end } = localDayBounds('2026-01-15', LONDON);
		expect(new Date(start).toISOString()).toBe('2026-01-15T00:00:00.000Z');
		expect(end - start).toBe(24 * HOUR);
	});

	it('starts at 23:00 UTC the evening before in summer (BST)', () => {
		const { start, end } = localDayBounds('2026-07-01', LONDON);
		expect(new Date(start).toISOString()).toBe('2026-06-30T23:00:00.000Z');
		expect(end - start).toBe(24 * HOUR);
	});

	it('is 23 hours long on the spring-forward Sunday (2026-03-29)', () => {
		const { start, end } = localDayBounds('2026-03-29', LONDON);
		expect(new Date(start).toISOString()).toBe('2026-03-29T00:00:00.000Z');
		expect(new Date(end).toISOString()).toBe('2026-03-29T23:00:00.000Z');
	});

	it('is 25 hours long on the fall-back Sunday (2026-10-25)', () => {
		const { start, end } = localDayBounds('2026-10-25', LONDON);
		expect(new Date(start).toISOString()).toBe('2026-10-24T23:00:00.000Z');
		expect(end - start).toBe(25 * HOUR);
	});
});

describe('localDate', () => {
	it('reads the London date, not the UTC one, just after local midnight in summer', () => {
		expect(localDate(Date.parse('2026-06-30T23:30:00Z'), LONDON)).toBe('2026-07-01');
	});

	it('gives the same date for both 01:30s of the fall-back night', () => {
		expect(localDate(Date.parse('2026-10-25T00:30:00Z'), LONDON)).toBe('2026-10-25');
		expect(localDate(Date.parse('2026-10-25T01:30:00Z'), LONDON)).toBe('2026-10-25');
	});
});

describe('addDays', () => {
	it('crosses month and year ends', () => {
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
	});
});

describe('isLocalDate', () => {
	it('accepts real dates only, in YYYY-MM-DD', () => {
		expect(isLocalDate('2028-02-29')).toBe(true);
		expect(isLocalDate('2026-02-29')).toBe(false);
		expect(isLocalDate('2026-13-01')).toBe(false);
		expect(isLocalDate('2026-1-01')).toBe(false);
		expect(isLocalDate('2026-01-01T00:00')).toBe(false);
		expect(isLocalDate('')).toBe(false);
	});
});

describe('the days kept once worked out', () => {
	// Zones with clock changes of an hour (London), of half an hour (Lord Howe) and a quarter-hour
	// offset (Kathmandu): every 15 minutes across each of London's 2026 changes, and Lord Howe's.
	const direct = (at: number, timeZone: string) =>
		Temporal.Instant.fromEpochMilliseconds(at)
			.toZonedDateTimeISO(timeZone)
			.toPlainDate()
			.toString();
	const cases = [
		[LONDON, '2026-03-28T00:00:00Z'],
		[LONDON, '2026-10-24T00:00:00Z'],
		['Australia/Lord_Howe', '2026-04-03T00:00:00Z'],
		['Australia/Lord_Howe', '2026-10-02T00:00:00Z'],
		['Asia/Kathmandu', '2026-06-01T00:00:00Z']
	] as const;

	it.each(cases)(
		'gives the same dates and spans as Temporal itself in %s from %s',
		(zone, from) => {
			for (let at = Date.parse(from); at < Date.parse(from) + 72 * HOUR; at += HOUR / 4) {
				const date = localDate(at, zone);
				expect(date).toBe(direct(at, zone));
				const { start, end } = localDayBounds(date, zone);
				expect(start).toBeLessThanOrEqual(at);
				expect(end).toBeGreaterThan(at);
				expect(start).toBe(
					Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: zone }).epochMilliseconds
				);
			}
		}
	);

	it('hands out a copy of a span, so that a caller changing it changes nothing kept', () => {
		const span = localDayBounds('2026-01-15', LONDON);
		span.start = 0;
		expect(localDayBounds('2026-01-15', LONDON).start).toBe(Date.parse('2026-01-15T00:00:00Z'));
	});
});
