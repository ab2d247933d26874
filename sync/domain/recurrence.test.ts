import { describe, expect, it } from 'vitest';
import {
	checkOccurrences,
	occurrences,
	type Occurrence,
	type RecurrenceInput
} from './recurrence.ts';

const LONDON = 'Europe/London';

function series(input: Partial<RecurrenceInput> & { firstStart: string }): Occurrence[] {
	const result = occurrences({ timeZone: LONDON, frequency: 'weekly', count: 3, ...input });
	if (!result.ok) throw new Error(result.message);
	return result.occurrences;
}

describe('occurrences', () => {
	it('keeps 10:00 local from GMT into BST across 29 March 2026', () => {
		expect(series({ firstStart: '2026-03-22T10:00:00+00:00' })).toEqual([
			{
				start: Date.parse('2026-03-22T10:00:00Z'),
				iso: '2026-03-22T10:00:00+00:00',
				date: '2026-03-22'
			},
			{
				start: Date.parse('2026-03-29T09:00:00Z'),
				iso: '2026-03-29T10:00:00+01:00',
				date: '2026-03-29'
			},
			{
				start: Date.parse('2026-04-05T09:00:00Z'),
				iso: '2026-04-05T10:00:00+01:00',
				date: '2026-04-05'
			}
		]);
	});

	it('keeps 10:00 local from BST into GMT across 25 October 2026, fortnightly', () => {
		const list = series({ firstStart: '2026-10-18T09:00:00Z', frequency: 'fortnightly' });
		expect(list.map((o) => o.iso)).toEqual([
			'2026-10-18T10:00:00+01:00',
			'2026-11-01T10:00:00+00:00',
			'2026-11-15T10:00:00+00:00'
		]);
		expect(list[1].start - list[0].start).toBe((14 * 24 + 1) * 3_600_000);
	});

	it('accepts a start given in another offset, keeping its London wall-clock time', () => {
		// 11:00+01:00 on 15 March is 10:00 GMT in London.
		const list = series({ firstStart: '2026-03-15T11:00:00+01:00', count: 2 });
		expect(list.map((o) => o.iso)).toEqual([
			'2026-03-15T10:00:00+00:00',
			'2026-03-22T10:00:00+00:00'
		]);
	});

	it('moves a time in the spring-forward gap forward, then returns to it the next week', () => {
		const list = series({ firstStart: '2026-03-22T01:30:00Z' }); // 01:30 GMT
		expect(list.map((o) => o.iso)).toEqual([
			'2026-03-22T01:30:00+00:00',
			'2026-03-29T02:30:00+01:00', // 01:30 does not exist on 29 March
			'2026-04-05T01:30:00+01:00'
		]);
	});

	it('takes the earlier (BST) 01:30 when it happens twice on 25 October', () => {
		const list = series({ firstStart: '2026-10-18T01:30:00+01:00', count: 2 });
		expect(list[1]).toEqual({
			start: Date.parse('2026-10-25T00:30:00Z'),
			iso: '2026-10-25T01:30:00+01:00',
			date: '2026-10-25'
		});
	});

	it('spaces four-weekly cleans 28 days apart and reads the local date', () => {
		// 23:30 BST on 31 August is 22:30Z: the London date is the 31st, not UTC's.
		const list = series({
			firstStart: '2026-08-31T22:30:00Z',
			frequency: 'four_weekly',
			count: 3
		});
		expect(list.map((o) => o.date)).toEqual(['2026-08-31', '2026-09-28', '2026-10-26']);
		expect(list[2].iso).toBe('2026-10-26T23:30:00+00:00');
	});

	it('returns a single clean for count 1 and 52 for count 52', () => {
		expect(series({ firstStart: '2026-01-05T09:00:00Z', count: 1 })).toHaveLength(1);
		const year = series({ firstStart: '2026-01-05T09:00:00Z', count: 52 });
		expect(year).toHaveLength(52);
		expect(year[51].iso).toBe('2026-12-28T09:00:00+00:00');
	});

	it('refuses a count out of range', () => {
		for (const count of [0, 53, 2.5, -1, Number.NaN]) {
			expect(
				occurrences({
					firstStart: '2026-03-22T10:00:00Z',
					timeZone: LONDON,
					frequency: 'weekly',
					count
				})
			).toEqual({
				ok: false,
				reason: 'INVALID_RECURRENCE',
				message: 'The number of cleans must be a whole number from 1 to 52.'
			});
		}
	});

	it('refuses an unparsable or offset-less start', () => {
		for (const firstStart of ['next Tuesday', '2026-03-22T10:00:00', '2026-02-30T10:00:00Z']) {
			const result = occurrences({ firstStart, timeZone: LONDON, frequency: 'weekly', count: 2 });
			expect(result).toMatchObject({
				ok: false,
				reason: 'INVALID_RECURRENCE',
				message: expect.stringContaining('The first start time is not valid.')
			});
		}
	});

	it('refuses an unknown time zone or frequency', () => {
		const base = { firstStart: '2026-03-22T10:00:00Z', count: 2 };
		expect(occurrences({ ...base, timeZone: 'Mars/Olympus', frequency: 'weekly' })).toEqual({
			ok: false,
			reason: 'INVALID_RECURRENCE',
			message: '"Mars/Olympus" is not a known time zone.'
		});
		const daily = 'daily' as RecurrenceInput['frequency'];
		expect(occurrences({ ...base, timeZone: LONDON, frequency: daily })).toMatchObject({
			ok: false,
			reason: 'INVALID_RECURRENCE'
		});
	});
});

describe('checkOccurrences', () => {
	const list = series({ firstStart: '2026-03-22T10:00:00Z', count: 5 });

	it('is ok when every date is available', () => {
		expect(checkOccurrences(list, () => true)).toEqual({ ok: true });
	});

	it('lists every unavailable date, in order, in en-GB', () => {
		const busy = new Set(['2026-04-05', '2026-04-19']);
		expect(checkOccurrences(list, (o) => !busy.has(o.date))).toEqual({
			ok: false,
			reason: 'OCCURRENCES_UNAVAILABLE',
			unavailable: [
				{ date: '2026-04-05', iso: '2026-04-05T10:00:00+01:00' },
				{ date: '2026-04-19', iso: '2026-04-19T10:00:00+01:00' }
			],
			message: 'These dates are not available: 5 Apr 2026, 19 Apr 2026'
		});
	});

	it('uses the singular for one date and passes each occurrence to the predicate', () => {
		const seen: number[] = [];
		const result = checkOccurrences(list, (o) => {
			seen.push(o.start);
			return o.date !== '2026-03-29';
		});
		expect(seen).toEqual(list.map((o) => o.start));
		expect(result).toMatchObject({
			ok: false,
			message: 'This date is not available: 29 Mar 2026'
		});
	});

	it('writes September as "Sep" whatever the ICU version', () => {
		const autumn = series({ firstStart: '2026-09-05T09:00:00Z', count: 1 });
		expect(checkOccurrences(autumn, () => false)).toMatchObject({
			message: 'This date is not available: 5 Sep 2026'
		});
	});
});
