import { describe, expect, it } from 'vitest';
import {
	calendarStatus,
	dayPlacer,
	dropMove,
	instantAt,
	minutesIntoDay,
	snapMinutes
} from './calendar.ts';

const LONDON = 'Europe/London';
const at = (iso: string) => Date.parse(iso);

describe('calendarStatus', () => {
	it('lets the field overtake a live booking, but not a cancelled one', () => {
		expect(calendarStatus('confirmed', 'on_the_way')).toBe('on_the_way');
		expect(calendarStatus('pending', null)).toBe('pending');
		expect(calendarStatus('confirmed', 'scheduled')).toBe('confirmed');
		expect(calendarStatus('confirmed', 'problem')).toBe('problem');
		expect(calendarStatus('completed', null)).toBe('done');
		expect(calendarStatus('cancelled', 'in_progress')).toBe('cancelled');
		expect(calendarStatus('no_show', 'problem')).toBe('no_show');
		expect(calendarStatus('expired', null)).toBeNull();
	});
});

describe('wall-clock positions', () => {
	it('places a booking by local time in winter and summer', () => {
		expect(minutesIntoDay(at('2026-01-15T09:30:00Z'), LONDON)).toBe(570);
		expect(minutesIntoDay(at('2026-07-15T08:30:00Z'), LONDON)).toBe(570);
	});

	it('reads the hours after the spring change as wall-clock time', () => {
		// 2026-03-29: 01:00 GMT becomes 02:00 BST; 09:00 BST is 08:00Z.
		expect(minutesIntoDay(at('2026-03-29T08:00:00Z'), LONDON)).toBe(540);
		expect(instantAt('2026-03-29', 540, LONDON)).toBe(at('2026-03-29T08:00:00Z'));
	});

	it('moves a skipped time forward and takes the first of a repeated one', () => {
		expect(instantAt('2026-03-29', 90, LONDON)).toBe(at('2026-03-29T01:30:00Z'));
		// 2026-10-25: 01:30 happens twice, first in BST (00:30Z).
		expect(instantAt('2026-10-25', 90, LONDON)).toBe(at('2026-10-25T00:30:00Z'));
	});

	it('snaps to the slot step inside the day', () => {
		expect(snapMinutes(574, 30)).toBe(570);
		expect(snapMinutes(586, 30)).toBe(600);
		expect(snapMinutes(-20, 15)).toBe(0);
		expect(snapMinutes(1439, 30)).toBe(1410);
	});
});

describe('dayPlacer', () => {
	it('agrees with the time zone on ordinary days and on both change days', () => {
		const place = dayPlacer(['2026-03-28', '2026-03-29', '2026-10-25', '2026-10-26'], LONDON);
		for (const iso of [
			'2026-03-28T23:59:00Z',
			'2026-03-29T00:30:00Z',
			'2026-03-29T09:00:00Z',
			'2026-10-25T00:30:00Z', // 01:30 BST
			'2026-10-25T01:30:00Z', // 01:30 GMT, the repeated hour
			'2026-10-25T15:00:00Z',
			'2026-10-26T09:15:00Z'
		])
			expect(place(at(iso))?.minute, iso).toBe(minutesIntoDay(at(iso), LONDON));
		expect(place(at('2026-03-29T09:00:00Z'))?.date).toBe('2026-03-29');
		expect(place(at('2026-03-28T23:59:00Z'))?.date).toBe('2026-03-28');
		expect(place(at('2026-03-27T12:00:00Z'))).toBeNull();
	});
});

describe('dropMove', () => {
	const booking = { startTime: at('2026-06-10T09:00:00Z'), staffId: 'amira' };

	it('asks for a new time in the day view', () => {
		expect(
			dropMove(booking, { staffId: 'amira', date: '2026-06-10', minutes: 13 * 60 }, LONDON)
		).toEqual({ startTime: at('2026-06-10T12:00:00Z') });
	});

	it('hands the booking to another cleaner at the same time', () => {
		expect(dropMove(booking, { staffId: 'ben', date: '2026-06-10', minutes: 600 }, LONDON)).toEqual(
			{ startTime: booking.startTime, staffId: 'ben' }
		);
	});

	it('keeps the time of day when moved to another day in the week view, across a change', () => {
		const friday = { startTime: at('2026-10-23T09:00:00Z'), staffId: 'amira' }; // 10:00 BST
		expect(dropMove(friday, { staffId: 'amira', date: '2026-10-26' }, LONDON)).toEqual({
			startTime: at('2026-10-26T10:00:00Z') // 10:00 GMT
		});
	});

	it('asks for nothing when dropped where it was', () => {
		expect(dropMove(booking, { staffId: 'amira', date: '2026-06-10' }, LONDON)).toBeNull();
	});
});
