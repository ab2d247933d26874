import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { localClock, weekdayIndex, workingIntervals, type WeeklyHours } from './working-hours.ts';

const LONDON = 'Europe/London';
const iso = (ms: number) => new Date(ms).toISOString();
const isoAll = (intervals: { start: number; end: number }[]) =>
	intervals.map((i) => [iso(i.start), iso(i.end)]);

// 08:00–17:00 with lunch 12:30–13:00, every day of the week.
const everyDay: WeeklyHours[] = [0, 1, 2, 3, 4, 5, 6].map((dayOfWeek) => ({
	dayOfWeek,
	startMinute: 480,
	endMinute: 1020,
	breaks: [{ start: 750, end: 780 }]
}));

describe('weekdayIndex', () => {
	it('numbers Monday 0 and Sunday 6', () => {
		expect(weekdayIndex('2026-11-23')).toBe(0);
		expect(weekdayIndex('2026-03-29')).toBe(6);
	});

	it('agrees with Temporal every day of 1969–1971 and 2026–2028', () => {
		for (const from of ['1969-01-01', '2026-01-01'])
			for (let date = Temporal.PlainDate.from(from), n = 0; n < 3 * 366; n++) {
				expect(weekdayIndex(date.toString())).toBe(date.dayOfWeek - 1);
				date = date.add({ days: 1 });
			}
	});
});

describe('localClock', () => {
	it('gives what Temporal gives for every quarter hour, in London, Lord Howe and Kathmandu', () => {
		const zones = ['Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
		const days = ['2026-03-29', '2026-10-25', '2026-04-05', '2026-10-04', '2026-07-15'];
		for (const timeZone of zones)
			for (const date of days) {
				const clock = localClock(date, timeZone);
				for (let minute = 0; minute < 1440; minute += 15) {
					const time = new Temporal.PlainTime(Math.floor(minute / 60), minute % 60);
					const expected = Temporal.PlainDate.from(date)
						.toPlainDateTime(time)
						.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
					expect(clock(minute)).toBe(expected);
				}
			}
	});

	it('adds minutes on an ordinary day', () => {
		expect(iso(localClock('2026-01-15', LONDON)(9 * 60))).toBe('2026-01-15T09:00:00.000Z');
		expect(iso(localClock('2026-07-15', LONDON)(9 * 60))).toBe('2026-07-15T08:00:00.000Z');
	});

	it('puts 09:00 on the spring-forward Sunday in BST, and moves 01:30 (skipped) to 02:30 BST', () => {
		const clock = localClock('2026-03-29', LONDON);
		expect(iso(clock(9 * 60))).toBe('2026-03-29T08:00:00.000Z');
		expect(iso(clock(90))).toBe('2026-03-29T01:30:00.000Z');
		expect(iso(clock(0))).toBe('2026-03-29T00:00:00.000Z');
		expect(iso(clock(1440))).toBe('2026-03-29T23:00:00.000Z');
	});

	it('puts 09:00 on the fall-back Sunday in GMT, and 01:30 at its first (BST) occurrence', () => {
		const clock = localClock('2026-10-25', LONDON);
		expect(iso(clock(9 * 60))).toBe('2026-10-25T09:00:00.000Z');
		expect(iso(clock(90))).toBe('2026-10-25T00:30:00.000Z');
		expect(iso(clock(1440))).toBe('2026-10-26T00:00:00.000Z');
	});
});

describe('workingIntervals', () => {
	it('takes the break out of a winter day', () => {
		expect(isoAll(workingIntervals('2026-01-15', LONDON, everyDay))).toEqual([
			['2026-01-15T08:00:00.000Z', '2026-01-15T12:30:00.000Z'],
			['2026-01-15T13:00:00.000Z', '2026-01-15T17:00:00.000Z']
		]);
	});

	it('keeps 08:00–17:00 local on both clock-change Sundays', () => {
		expect(isoAll(workingIntervals('2026-03-29', LONDON, everyDay))[0][0]).toBe(
			'2026-03-29T07:00:00.000Z'
		);
		expect(isoAll(workingIntervals('2026-10-25', LONDON, everyDay)).at(-1)![1]).toBe(
			'2026-10-25T17:00:00.000Z'
		);
	});

	it('gives nothing on a day off and joins split stretches', () => {
		const mondays: WeeklyHours[] = [
			{ dayOfWeek: 0, startMinute: 480, endMinute: 720, breaks: [] },
			{ dayOfWeek: 0, startMinute: 720, endMinute: 900, breaks: [] }
		];
		expect(workingIntervals('2026-11-24', LONDON, mondays)).toEqual([]);
		expect(isoAll(workingIntervals('2026-11-23', LONDON, mondays))).toEqual([
			['2026-11-23T08:00:00.000Z', '2026-11-23T15:00:00.000Z']
		]);
	});
});
