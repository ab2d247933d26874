import { describe, expect, it } from 'vitest';
import { checkTimeOffRequest, clashingJobs, type TimeOffInput } from './time-off.ts';

const TZ = 'Europe/London';
const at = (iso: string) => Date.parse(iso);
// Tuesday 4 August 2026, 10:00 BST.
const NOW = at('2026-08-04T09:00:00Z');

const input = (over: Partial<TimeOffInput> = {}): TimeOffInput => ({
	startDate: '2026-08-10',
	startTime: null,
	endDate: '2026-08-12',
	endTime: null,
	reason: 'Holiday',
	...over
});
const check = (
	over: Partial<TimeOffInput> = {},
	mine: Parameters<typeof checkTimeOffRequest>[1]['mine'] = []
) => checkTimeOffRequest(input(over), { now: NOW, timeZone: TZ, mine });

describe('checkTimeOffRequest', () => {
	it('turns whole days into local midnights, the end date included', () => {
		expect(check()).toEqual({
			ok: true,
			startsAt: at('2026-08-09T23:00:00Z'),
			endsAt: at('2026-08-12T23:00:00Z'),
			reason: 'Holiday'
		});
	});

	it('uses the given local times, and trims the reason', () => {
		expect(
			check({ startTime: '14:00', endDate: '2026-08-10', endTime: '17:30', reason: '  Dentist ' })
		).toEqual({
			ok: true,
			startsAt: at('2026-08-10T13:00:00Z'),
			endsAt: at('2026-08-10T16:30:00Z'),
			reason: 'Dentist'
		});
	});

	it('keeps whole days whole across the clock changes (a 23-hour and a 25-hour day)', () => {
		const now = at('2026-03-01T12:00:00Z');
		const spring = checkTimeOffRequest(input({ startDate: '2026-03-29', endDate: '2026-03-29' }), {
			now,
			timeZone: TZ,
			mine: []
		});
		expect(spring).toMatchObject({ ok: true, startsAt: at('2026-03-29T00:00:00Z') });
		if (spring.ok) expect(spring.endsAt - spring.startsAt).toBe(23 * 3_600_000);
		const autumn = checkTimeOffRequest(input({ startDate: '2026-10-25', endDate: '2026-10-25' }), {
			now,
			timeZone: TZ,
			mine: []
		});
		expect(autumn).toMatchObject({ ok: true, startsAt: at('2026-10-24T23:00:00Z') });
		if (autumn.ok) expect(autumn.endsAt - autumn.startsAt).toBe(25 * 3_600_000);
	});

	it('moves a start time the spring gap skips forward', () => {
		const result = checkTimeOffRequest(
			input({
				startDate: '2026-03-29',
				startTime: '01:30',
				endDate: '2026-03-29',
				endTime: '09:00'
			}),
			{ now: at('2026-03-01T12:00:00Z'), timeZone: TZ, mine: [] }
		);
		expect(result).toMatchObject({ ok: true, startsAt: at('2026-03-29T01:30:00Z') });
	});

	it('names each bad field with its own message', () => {
		const result = check({ startDate: '2026-02-30', endDate: '', reason: ' ' });
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.start).toMatch(/first day/);
		expect(result.errors.end).toMatch(/last day/);
		expect(result.errors.reason).toMatch(/why/);
		expect(check({ startTime: '9am' })).toMatchObject({ ok: false, errors: { start: /HH:MM/ } });
		expect(check({ endTime: '24:00' })).toMatchObject({ ok: false, errors: { end: /HH:MM/ } });
		expect(check({ reason: 'x'.repeat(501) })).toMatchObject({
			ok: false,
			errors: { reason: /500/ }
		});
	});

	it('refuses an end that is not after the start', () => {
		expect(check({ endDate: '2026-08-09' })).toMatchObject({
			ok: false,
			errors: { end: 'The end must be after the start.' }
		});
		const sameTime = check({ startTime: '09:00', endDate: '2026-08-10', endTime: '09:00' });
		expect(sameTime).toMatchObject({ ok: false, errors: { end: /after the start/ } });
	});

	it('refuses the past, but lets a whole day start today', () => {
		expect(check({ startDate: '2026-08-03' })).toMatchObject({
			ok: false,
			errors: { start: /passed/ }
		});
		expect(check({ startDate: '2026-08-04' }).ok).toBe(true);
		expect(check({ startDate: '2026-08-04', startTime: '09:00' })).toMatchObject({
			ok: false,
			errors: { start: /time has passed/ }
		});
		expect(check({ startDate: '2026-08-04', startTime: '10:30' }).ok).toBe(true);
	});

	it('allows 60 local days and no more', () => {
		expect(check({ startDate: '2026-08-10', endDate: '2026-10-08' }).ok).toBe(true);
		expect(check({ startDate: '2026-08-10', endDate: '2026-10-09' })).toMatchObject({
			ok: false,
			errors: { end: /At most 60 days/ }
		});
		// Across the autumn change 60 days are 60 local days, an hour more of real time.
		const autumn = check({
			startDate: '2026-09-20',
			startTime: '09:00',
			endDate: '2026-11-19',
			endTime: '09:00'
		});
		expect(autumn.ok).toBe(true);
	});

	it('refuses an overlap with my pending or approved time off, not with a rejected one', () => {
		const mine = [
			{
				id: 'a',
				startsAt: at('2026-08-11T23:00:00Z'),
				endsAt: at('2026-08-13T23:00:00Z'),
				status: 'approved'
			},
			{
				id: 'b',
				startsAt: at('2026-08-20T08:00:00Z'),
				endsAt: at('2026-08-20T12:00:00Z'),
				status: 'requested'
			},
			{
				id: 'c',
				startsAt: at('2026-08-01T00:00:00Z'),
				endsAt: at('2026-09-01T00:00:00Z'),
				status: 'rejected'
			}
		];
		expect(check({}, mine)).toMatchObject({
			ok: false,
			errors: { start: 'This overlaps your approved time off (12 Aug – 13 Aug).' }
		});
		expect(check({ startDate: '2026-08-20', endDate: '2026-08-20' }, mine)).toMatchObject({
			ok: false,
			errors: { start: 'This overlaps your pending request (20 Aug).' }
		});
		// Touching ends are fine: the day before the approved time off.
		expect(check({ startDate: '2026-08-10', endDate: '2026-08-11' }, mine).ok).toBe(true);
		// The request itself (a retry) is not in its own way.
		expect(
			checkTimeOffRequest(input({ startDate: '2026-08-12', endDate: '2026-08-13' }), {
				now: NOW,
				timeZone: TZ,
				mine: [mine[0]],
				ignoreId: 'a'
			}).ok
		).toBe(true);
	});

	it('does not change the list it is given', () => {
		const mine = Object.freeze([
			Object.freeze({ id: 'a', startsAt: 1, endsAt: 2, status: 'approved' })
		]);
		expect(() => check({}, mine)).not.toThrow();
	});
});

describe('clashingJobs', () => {
	const jobs = [
		{ id: 'late', startTime: 50, endTime: 60, status: 'confirmed' },
		{ id: 'in', startTime: 20, endTime: 30, status: 'confirmed' },
		{ id: 'edge', startTime: 5, endTime: 10, status: 'pending' },
		{ id: 'part', startTime: 38, endTime: 45, status: 'pending' },
		{ id: 'gone', startTime: 20, endTime: 30, status: 'cancelled' },
		{ id: 'expired', startTime: 20, endTime: 30, status: 'expired' }
	];

	it('lists the jobs that fall even partly inside, earliest first, not those touching its ends', () => {
		expect(clashingJobs({ start: 10, end: 40 }, jobs).map((j) => j.id)).toEqual(['in', 'part']);
		expect(clashingJobs({ start: 0, end: 5 }, jobs)).toEqual([]);
	});
});
