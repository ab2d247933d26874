import { describe, expect, it } from 'vitest';
import {
	bookableWindow,
	canCustomerChange,
	DEFAULT_BOOKING_SETTINGS,
	parseOffsetDateTime,
	toLocalIso,
	type BookingSettings
} from './booking-policy.ts';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('DEFAULT_BOOKING_SETTINGS', () => {
	it('holds the documented defaults', () => {
		expect(DEFAULT_BOOKING_SETTINGS).toEqual({
			timeZone: 'Europe/London',
			minNoticeMinutes: 1440,
			horizonDays: 60,
			slotStepMinutes: 30,
			cancellationCutoffMinutes: 1440,
			holdMinutes: 15
		});
	});
});

describe('bookableWindow', () => {
	it('opens a day after now and closes at the end of the 60th local day (BST midnight)', () => {
		const now = at('2026-03-01T12:00:00Z');
		const { earliest, latest } = bookableWindow(now, DEFAULT_BOOKING_SETTINGS);
		expect(iso(earliest)).toBe('2026-03-02T12:00:00.000Z');
		// 1 March + 60 days = 30 April; its end is midnight BST = 23:00 UTC.
		expect(iso(latest)).toBe('2026-04-30T23:00:00.000Z');
	});

	it('uses the London date, not the UTC one, just after local midnight in summer', () => {
		const now = at('2026-06-30T23:30:00Z'); // 00:30 BST on 1 July
		const { latest } = bookableWindow(now, { ...DEFAULT_BOOKING_SETTINGS, horizonDays: 0 });
		expect(iso(latest)).toBe('2026-07-01T23:00:00.000Z');
	});

	it('counts the notice in real minutes across the spring-forward night', () => {
		const now = at('2026-03-28T12:00:00Z'); // Saturday 12:00 GMT
		const { earliest, latest } = bookableWindow(now, {
			...DEFAULT_BOOKING_SETTINGS,
			horizonDays: 1
		});
		expect(iso(earliest)).toBe('2026-03-29T12:00:00.000Z'); // 13:00 BST on Sunday
		expect(iso(latest)).toBe('2026-03-29T23:00:00.000Z'); // end of the 23-hour Sunday
	});

	it('ends the 25-hour fall-back Sunday at midnight GMT', () => {
		const now = at('2026-10-24T09:00:00Z');
		const { earliest, latest } = bookableWindow(now, {
			...DEFAULT_BOOKING_SETTINGS,
			minNoticeMinutes: 120,
			horizonDays: 1
		});
		expect(iso(earliest)).toBe('2026-10-24T11:00:00.000Z');
		expect(iso(latest)).toBe('2026-10-26T00:00:00.000Z');
	});
});

describe('canCustomerChange', () => {
	const settings: BookingSettings = DEFAULT_BOOKING_SETTINGS;
	const start = at('2026-03-04T10:00:00Z'); // 10:00 GMT, Wednesday 4 March 2026

	it('allows a confirmed or pending booking before the cut-off', () => {
		const now = at('2026-03-03T09:59:59Z');
		expect(canCustomerChange(now, start, 'confirmed', settings)).toEqual({ ok: true });
		expect(canCustomerChange(now, start, 'pending', settings)).toEqual({ ok: true });
	});

	it('refuses exactly at the cut-off, naming the time in London', () => {
		const now = at('2026-03-03T10:00:00Z');
		expect(canCustomerChange(now, start, 'confirmed', settings)).toEqual({
			ok: false,
			reason: 'CUTOFF_PASSED',
			message:
				'Changes close 24 hours before the clean (after 10:00 on Tuesday 3 March 2026). ' +
				'Please call the office.'
		});
	});

	it('refuses after the clean has started', () => {
		const result = canCustomerChange(start + HOUR, start, 'pending', settings);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toBe('CUTOFF_PASSED');
	});

	it('counts 24 real hours across spring-forward, so the wall-clock cut-off is an hour earlier', () => {
		const bstStart = at('2026-03-29T09:00:00Z'); // 10:00 BST, Sunday 29 March
		expect(canCustomerChange(at('2026-03-28T08:59:00Z'), bstStart, 'confirmed', settings)).toEqual({
			ok: true
		});
		const result = canCustomerChange(at('2026-03-28T09:00:00Z'), bstStart, 'confirmed', settings);
		expect(result).toMatchObject({
			ok: false,
			reason: 'CUTOFF_PASSED',
			message: expect.stringContaining('(after 09:00 on Saturday 28 March 2026)')
		});
	});

	it('counts 24 real hours across fall-back, so the wall-clock cut-off is an hour later', () => {
		const gmtStart = at('2026-10-25T10:00:00Z'); // 10:00 GMT, Sunday 25 October
		const result = canCustomerChange(gmtStart, gmtStart, 'confirmed', settings);
		expect(result).toMatchObject({
			message: expect.stringContaining('(after 11:00 on Saturday 24 October 2026)')
		});
	});

	it('gives a wall-clock cut-off of 01:30 on the fall-back night (the second one, GMT)', () => {
		const gmtStart = at('2026-10-26T01:30:00Z'); // 01:30 GMT, Monday 26 October
		const result = canCustomerChange(gmtStart, gmtStart, 'confirmed', settings);
		// 24 h before is 2026-10-25T01:30Z = 01:30 GMT, the second 01:30 of Sunday.
		expect(result).toMatchObject({
			message: expect.stringContaining('(after 01:30 on Sunday 25 October 2026)')
		});
	});

	it('words other cut-offs in hours or minutes', () => {
		const now = start;
		const twoDays = canCustomerChange(now, start, 'confirmed', {
			...settings,
			cancellationCutoffMinutes: 2880
		});
		expect(twoDays).toMatchObject({
			message: expect.stringContaining('48 hours before the clean (after 10:00 on Monday 2 March')
		});
		const ninety = canCustomerChange(now, start, 'confirmed', {
			...settings,
			cancellationCutoffMinutes: 90
		});
		expect(ninety).toMatchObject({
			message: expect.stringContaining('90 minutes before the clean (after 08:30 on Wednesday')
		});
		const none = canCustomerChange(now, start, 'confirmed', {
			...settings,
			cancellationCutoffMinutes: 0
		});
		expect(none).toMatchObject({
			message:
				'Changes close when the clean starts (at 10:00 on Wednesday 4 March 2026). ' +
				'Please call the office.'
		});
	});

	it('refuses bookings that are no longer pending or confirmed, even far ahead', () => {
		const now = at('2026-01-01T00:00:00Z');
		expect(canCustomerChange(now, start, 'cancelled', settings)).toEqual({
			ok: false,
			reason: 'NOT_CHANGEABLE',
			message: 'This booking has been cancelled, so it can no longer be changed.'
		});
		for (const status of ['expired', 'completed', 'no_show', 'something_new']) {
			const result = canCustomerChange(now, start, status, settings);
			expect(result).toMatchObject({ ok: false, reason: 'NOT_CHANGEABLE' });
		}
	});
});

describe('parseOffsetDateTime', () => {
	it('accepts an offset or Z and returns the instant', () => {
		expect(parseOffsetDateTime('2026-03-29T10:00:00+01:00')).toEqual({
			ok: true,
			epochMs: at('2026-03-29T09:00:00Z')
		});
		expect(parseOffsetDateTime('2026-03-29T09:00:00Z')).toEqual({
			ok: true,
			epochMs: at('2026-03-29T09:00:00Z')
		});
		expect(parseOffsetDateTime('2026-03-29T09:00Z')).toEqual({
			ok: true,
			epochMs: at('2026-03-29T09:00:00Z')
		});
		expect(parseOffsetDateTime('2026-10-25T01:30:00.250-00:30')).toEqual({
			ok: true,
			epochMs: at('2026-10-25T02:00:00.250Z')
		});
	});

	it('tells the two 01:30s of the fall-back night apart by their offsets', () => {
		const first = parseOffsetDateTime('2026-10-25T01:30:00+01:00');
		const second = parseOffsetDateTime('2026-10-25T01:30:00+00:00');
		expect(first.ok && second.ok && second.epochMs - first.epochMs).toBe(HOUR);
	});

	it('rejects a time without an offset, naming the expected format', () => {
		expect(parseOffsetDateTime('2026-03-29T10:00:00')).toEqual({
			ok: false,
			reason: 'INVALID_TIME',
			message:
				'"2026-03-29T10:00:00" has no UTC offset. Expected a date and time with a UTC offset, ' +
				'e.g. 2026-03-29T10:00:00+01:00 or 2026-03-29T09:00:00Z.'
		});
	});

	it('rejects impossible dates and times', () => {
		for (const value of [
			'2026-02-30T10:00:00Z',
			'2026-13-01T10:00:00Z',
			'2026-03-29T25:00:00Z',
			'2026-03-29T10:00:00+25:00'
		]) {
			expect(parseOffsetDateTime(value)).toMatchObject({
				ok: false,
				reason: 'INVALID_TIME',
				message: expect.stringContaining(`"${value}" is not a real date and time.`)
			});
		}
	});

	it('rejects garbage and other ISO spellings', () => {
		for (const value of [
			'',
			'tomorrow at ten',
			'2026-03-29',
			'2026-03-29 10:00:00Z',
			'20260329T100000Z',
			'2026-03-29T10:00:60Z',
			'2026-03-29T10:00:00+0100',
			'2026-03-29T10:00:00+01:00[Europe/London]',
			' 2026-03-29T10:00:00Z'
		]) {
			expect(parseOffsetDateTime(value)).toMatchObject({
				ok: false,
				reason: 'INVALID_TIME',
				message: expect.stringContaining('e.g. 2026-03-29T10:00:00+01:00')
			});
		}
		expect(parseOffsetDateTime(42 as unknown as string)).toMatchObject({ ok: false });
	});
});

describe('toLocalIso', () => {
	const LONDON = 'Europe/London';

	it('writes GMT in winter and BST in summer', () => {
		expect(toLocalIso(at('2026-01-15T10:00:00Z'), LONDON)).toBe('2026-01-15T10:00:00+00:00');
		expect(toLocalIso(at('2026-07-01T09:00:00Z'), LONDON)).toBe('2026-07-01T10:00:00+01:00');
	});

	it('jumps from 00:59 GMT to 02:00 BST on 29 March 2026', () => {
		expect(toLocalIso(at('2026-03-29T00:59:00Z'), LONDON)).toBe('2026-03-29T00:59:00+00:00');
		expect(toLocalIso(at('2026-03-29T01:00:00Z'), LONDON)).toBe('2026-03-29T02:00:00+01:00');
	});

	it('shows the two 01:30s of 25 October 2026 with different offsets', () => {
		expect(toLocalIso(at('2026-10-25T00:30:00Z'), LONDON)).toBe('2026-10-25T01:30:00+01:00');
		expect(toLocalIso(at('2026-10-25T01:30:00Z'), LONDON)).toBe('2026-10-25T01:30:00+00:00');
	});

	it('drops milliseconds and round-trips through parseOffsetDateTime', () => {
		const ms = at('2026-10-25T01:30:00.999Z');
		const local = toLocalIso(ms, LONDON);
		expect(local).toBe('2026-10-25T01:30:00+00:00');
		expect(parseOffsetDateTime(local)).toEqual({ ok: true, epochMs: ms - 999 });
	});
});
