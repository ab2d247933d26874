import { describe, expect, it } from 'vitest';
import { localDayBounds } from './local-day.ts';
import { findSlots, type StaffDay } from './slots.ts';
import { localClock } from './working-hours.ts';

const LONDON = 'Europe/London';

/** Helpers in local wall-clock time of one date. */
function on(date: string) {
	const clock = localClock(date, LONDON);
	const at = (hhmm: string) => {
		const [h, m] = hhmm.split(':').map(Number);
		return clock(h * 60 + m);
	};
	const span = (from: string, to: string) => ({ start: at(from), end: at(to) });
	const fmt = (ms: number) =>
		new Intl.DateTimeFormat('en-GB', {
			timeZone: LONDON,
			hour: '2-digit',
			minute: '2-digit'
		}).format(ms);
	return { at, span, fmt, day: localDayBounds(date, LONDON) };
}

const open = { earliest: 0, latest: Number.MAX_SAFE_INTEGER };

describe('findSlots', () => {
	it('offers every step start whose padded span fits around an existing job', () => {
		const d = on('2026-11-26');
		const amira: StaffDay = {
			staffId: 'amira',
			working: [d.span('08:00', '12:00')],
			busy: [d.span('10:00', '11:15')],
			durationMinutes: 60
		};
		const slots = findSlots({
			day: d.day,
			staff: [amira],
			paddingBeforeMinutes: 0,
			paddingAfterMinutes: 15,
			stepMinutes: 30,
			window: open
		});
		expect(slots.map((s) => d.fmt(s.start))).toEqual(['08:00', '08:30']);
		expect(d.fmt(slots[0].end)).toBe('09:00');
	});

	it('keeps padding before the job inside working hours', () => {
		const d = on('2026-11-26');
		const slots = findSlots({
			day: d.day,
			staff: [
				{ staffId: 'a', working: [d.span('08:00', '11:00')], busy: [], durationMinutes: 120 }
			],
			paddingBeforeMinutes: 15,
			paddingAfterMinutes: 15,
			stepMinutes: 30,
			window: open
		});
		// 08:15 is off the grid, so 08:30 is the first start; 08:30 + 2 h + 15 min = 10:45 ≤ 11:00.
		expect(slots.map((s) => d.fmt(s.start))).toEqual(['08:30']);
	});

	it('lists which cleaners can take each start ("any cleaner")', () => {
		const d = on('2026-11-26');
		const slots = findSlots({
			day: d.day,
			staff: [
				{ staffId: 'a', working: [d.span('09:00', '11:00')], busy: [], durationMinutes: 60 },
				{
					staffId: 'b',
					working: [d.span('10:00', '12:00')],
					busy: [d.span('10:00', '10:30')],
					durationMinutes: 60
				}
			],
			paddingBeforeMinutes: 0,
			paddingAfterMinutes: 0,
			stepMinutes: 30,
			window: open
		});
		expect(slots.map((s) => [d.fmt(s.start), s.staffIds])).toEqual([
			['09:00', ['a']],
			['09:30', ['a']],
			['10:00', ['a']],
			['10:30', ['b']],
			['11:00', ['b']]
		]);
	});

	it('gives a cleaner with a longer override a slot of their own', () => {
		const d = on('2026-11-26');
		const slots = findSlots({
			day: d.day,
			staff: [
				{ staffId: 'a', working: [d.span('09:00', '10:00')], busy: [], durationMinutes: 60 },
				{ staffId: 'b', working: [d.span('09:00', '10:30')], busy: [], durationMinutes: 90 }
			],
			paddingBeforeMinutes: 0,
			paddingAfterMinutes: 0,
			stepMinutes: 30,
			window: open
		});
		expect(slots.map((s) => [d.fmt(s.start), d.fmt(s.end), s.staffIds])).toEqual([
			['09:00', '10:00', ['a']],
			['09:00', '10:30', ['b']]
		]);
	});

	it('respects minimum notice and the booking horizon', () => {
		const d = on('2026-11-26');
		const staff = [
			{ staffId: 'a', working: [d.span('08:00', '12:00')], busy: [], durationMinutes: 60 }
		];
		const base = {
			day: d.day,
			staff,
			paddingBeforeMinutes: 0,
			paddingAfterMinutes: 0,
			stepMinutes: 30
		};
		const notice = findSlots({ ...base, window: { earliest: d.at('09:10'), latest: open.latest } });
		expect(notice.map((s) => d.fmt(s.start))).toEqual(['09:30', '10:00', '10:30', '11:00']);
		const horizon = findSlots({ ...base, window: { earliest: 0, latest: d.at('09:00') } });
		expect(horizon.map((s) => d.fmt(s.start))).toEqual(['08:00', '08:30', '09:00']);
	});

	it('steps on the local clock across the spring-forward gap', () => {
		const d = on('2026-03-29');
		const slots = findSlots({
			day: d.day,
			staff: [{ staffId: 'a', working: [d.span('00:00', '04:00')], busy: [], durationMinutes: 60 }],
			paddingBeforeMinutes: 0,
			paddingAfterMinutes: 0,
			stepMinutes: 30,
			window: open
		});
		// 01:00–02:00 does not exist: 00:00–04:00 local is three real hours.
		expect(slots.map((s) => d.fmt(s.start))).toEqual(['00:00', '00:30', '02:00', '02:30', '03:00']);
	});

	it('offers the repeated hour of the fall-back night twice, at different instants', () => {
		const d = on('2026-10-25');
		const slots = findSlots({
			day: d.day,
			staff: [
				{
					staffId: 'a',
					working: [{ start: d.day.start, end: d.at('03:00') }],
					busy: [],
					durationMinutes: 60
				}
			],
			paddingBeforeMinutes: 0,
			paddingAfterMinutes: 0,
			stepMinutes: 60,
			window: open
		});
		expect(slots.map((s) => d.fmt(s.start))).toEqual(['00:00', '01:00', '01:00', '02:00']);
		expect(new Set(slots.map((s) => s.start)).size).toBe(4);
	});
});
