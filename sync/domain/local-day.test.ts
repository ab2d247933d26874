import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, isLocalDate, localDate, localDayBounds } from './local-day.ts';

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

	it('agrees with Temporal every day of 2023–2030 and around 1900, 2000 and 2100', () => {
		const spans = [
			['1899-12-01', '1900-03-31'],
			['1999-12-01', '2000-03-31'],
			['2023-01-01', '2030-12-31'],
			['2099-12-01', '2100-03-31']
		];
		for (const [from, to] of spans)
			for (
				let date = from;
				date <= to;
				date = Temporal.PlainDate.from(date).add({ days: 1 }).toString()
			) {
				const plain = Temporal.PlainDate.from(date);
				for (const days of [-400, -1, 1, 29, 366])
					expect(addDays(date, days)).toBe(plain.add({ days }).toString());
				expect(dayNumber(date)).toBe(plain.since('1970-01-01').days);
			}
		// Years below 100 are not read as 1900–1999.
		expect(addDays('0050-03-01', -1)).toBe('0050-02-28');
	});

	it('refuses what is not a YYYY-MM-DD date, as Temporal does', () => {
		for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', '2026-01-01T00:00', ''])
			expect(() => addDays(bad, 1)).toThrow(RangeError);
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
