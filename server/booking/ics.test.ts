import { describe, expect, it } from 'vitest';
import { bookingIcs, calendarIcs } from './ics.ts';

const event = {
	uid: '0193a1b2-0000-7000-8000-000000000001@valclean',
	// 10:00 BST on 29 March 2026, the first morning after the clocks go forward.
	start: Date.parse('2026-03-29T10:00:00+01:00'),
	end: Date.parse('2026-03-29T12:00:00+01:00'),
	summary: 'Regular clean, 2 hours',
	location: '3 Albion Road, London, N16 9PD',
	description: 'Key in the key safe; code 4821\nManage: https://valclean.example/booking/x',
	url: 'https://valclean.example/booking/x?token=t',
	now: Date.parse('2026-03-01T08:00:00Z')
};

describe('bookingIcs', () => {
	it('writes one event with UTC times, CRLF line ends and escaped text', () => {
		const ics = bookingIcs(event);
		const lines = ics.split('\r\n');
		expect(lines[0]).toBe('BEGIN:VCALENDAR');
		expect(lines).toContain('DTSTART:20260329T090000Z');
		expect(lines).toContain('DTEND:20260329T110000Z');
		expect(lines).toContain('DTSTAMP:20260301T080000Z');
		expect(lines).toContain('LOCATION:3 Albion Road\\, London\\, N16 9PD');
		expect(ics).toContain('DESCRIPTION:Key in the key safe\\; code 4821\\nManage: ');
		expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
		expect(ics.replace(/\r\n/g, '')).not.toMatch(/\n/);
	});

	it('folds long lines at 75 octets, multi-byte characters kept whole', () => {
		const ics = bookingIcs({ ...event, description: 'Café — '.repeat(30) });
		const encoder = new TextEncoder();
		for (const line of ics.split('\r\n'))
			expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
		const unfolded = ics.replace(/\r\n /g, '');
		expect(unfolded).toContain(`DESCRIPTION:${'Café — '.repeat(30)}`);
	});
});

describe('calendarIcs', () => {
	const second = {
		...event,
		uid: '0193a1b2-0000-7000-8000-000000000002@valclean',
		start: Date.parse('2026-03-30T09:00:00Z'),
		end: Date.parse('2026-03-30T10:00:00Z'),
		summary: 'Deep clean — Ann Smith',
		location: '',
		description: '',
		url: ''
	};

	it('writes each event in one calendar with its own UID, named for the feed', () => {
		const ics = calendarIcs([event, second], 'VALClean, Ann');
		const lines = ics.split('\r\n');
		expect(lines.filter((l) => l === 'BEGIN:VCALENDAR')).toHaveLength(1);
		expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
		expect(lines).toContain('X-WR-CALNAME:VALClean\\, Ann');
		expect(lines).toContain(`UID:${event.uid}`);
		expect(lines).toContain(`UID:${second.uid}`);
		expect(lines).toContain('DTSTART:20260330T090000Z');
		expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
	});

	it('leaves out an empty location, description and URL rather than writing empty properties', () => {
		const ics = calendarIcs([second]);
		expect(ics).not.toMatch(/^(LOCATION|DESCRIPTION|URL):/m);
		expect(ics).toContain('SUMMARY:Deep clean — Ann Smith');
	});

	it('writes an empty calendar when there is nothing to show, still valid to subscribe to', () => {
		expect(calendarIcs([]).split('\r\n').filter(Boolean)).toEqual([
			'BEGIN:VCALENDAR',
			'VERSION:2.0',
			'PRODID:-//VALClean//Booking//EN',
			'CALSCALE:GREGORIAN',
			'METHOD:PUBLISH',
			'END:VCALENDAR'
		]);
	});

	it('makes the same file for one event as bookingIcs', () => {
		expect(calendarIcs([event])).toBe(bookingIcs(event));
	});
});
