import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventSet, jobState, type FieldEvent, type FieldEventBody } from './field-state.ts';
import { receive, tick, type Hlc } from './hlc.ts';

const T = Date.parse('2026-11-25T09:00:00Z');
const HOUR = 3_600_000;
const JOB = 'job-1';

/** An event on a device whose clock reads `clock`, after `last` (the device's previous stamp). */
function on(device: string, clock: number, last: Hlc | null, id: string, body: FieldEventBody) {
	const hlc = tick(last, clock, device);
	return { event: { ...body, id, jobId: JOB, hlc } as FieldEvent, hlc };
}

describe('jobState, by example', () => {
	it('is scheduled with no events, on the way, in progress, then done', () => {
		expect(jobState(JOB, [])).toMatchObject({ status: 'scheduled', clockIn: null, notes: [] });
		const a = on('phone', T, null, 'e1', { kind: 'on_my_way' });
		const b = on('phone', T + 20 * 60_000, a.hlc, 'e2', {
			kind: 'clock_in',
			position: { lat: 51.55, lng: -0.08 }
		});
		const c = on('phone', T + 2 * HOUR, b.hlc, 'e3', { kind: 'clock_out' });
		expect(jobState(JOB, [a.event]).status).toBe('on_the_way');
		expect(jobState(JOB, [a.event, b.event]).status).toBe('in_progress');
		const done = jobState(JOB, [a.event, b.event, c.event]);
		expect(done).toEqual({
			jobId: JOB,
			status: 'done',
			onMyWay: { id: 'e1', at: a.hlc },
			clockIn: { id: 'e2', at: b.hlc, position: { lat: 51.55, lng: -0.08 } },
			clockOut: { id: 'e3', at: c.hlc },
			checklist: {},
			notes: [],
			photos: [],
			problems: []
		});
	});

	it('ends done when the clock-out arrives before its clock-in', () => {
		const a = on('phone', T, null, 'in', { kind: 'clock_in' });
		const b = on('phone', T + HOUR, a.hlc, 'out', { kind: 'clock_out' });
		expect(jobState(JOB, [b.event]).status).toBe('in_progress');
		expect(jobState(JOB, [b.event, a.event]).status).toBe('done');
	});

	it('lets the later tick or untick of an item win, across two phones whose clocks disagree', () => {
		// Phone B's clock is 3 hours slow; it has seen phone A's tick before it unticks.
		const aTick = on('phone-a', T, null, 'a1', { kind: 'checklist', item: 'Oven', done: true });
		const bClock = receive(null, aTick.hlc, T - 3 * HOUR, 'phone-b');
		const bUntick = on('phone-b', T - 3 * HOUR + 60_000, bClock, 'b1', {
			kind: 'checklist',
			item: 'Oven',
			done: false
		});
		const aWindows = on('phone-a', T + 60_000, aTick.hlc, 'a2', {
			kind: 'checklist',
			item: 'Windows',
			done: true
		});
		const state = jobState(JOB, [bUntick.event, aWindows.event, aTick.event]);
		expect(state.checklist).toEqual({
			Oven: { id: 'b1', at: bUntick.hlc, done: false },
			Windows: { id: 'a2', at: aWindows.hlc, done: true }
		});
	});

	it('keeps every note, photo and problem once, in clock order, and only this job’s', () => {
		const n1 = on('phone', T, null, 'n1', { kind: 'note', text: 'Dog in the garden' });
		const p1 = on('phone', T + 1, n1.hlc, 'p1', { kind: 'photo', photoId: 'ph-1' });
		const x = on('phone', T + 2, p1.hlc, 'x1', {
			kind: 'problem',
			problem: 'no_access',
			text: 'Nobody home'
		});
		const other = { ...n1.event, id: 'o1', jobId: 'job-2' };
		const state = jobState(JOB, [x.event, p1.event, n1.event, n1.event, other]);
		expect(state.notes).toEqual([{ id: 'n1', at: n1.hlc, text: 'Dog in the garden' }]);
		expect(state.photos).toEqual([{ id: 'p1', at: p1.hlc, photoId: 'ph-1' }]);
		expect(state.problems).toEqual([
			{ id: 'x1', at: x.hlc, problem: 'no_access', text: 'Nobody home' }
		]);
		expect(state.status).toBe('problem');
	});

	it('folds a job whose photo and positions retention removed to the same status and times', () => {
		// What server/privacy/field-retention.ts leaves: the photo event marked removed, the
		// clock-in without its position. The job is still done, with the same stamps.
		const a = on('phone', T, null, 'c1', { kind: 'clock_in', position: { lat: 51.5, lng: -0.1 } });
		const p = on('phone', T + 1, a.hlc, 'p1', { kind: 'photo', photoId: 'ph-1', caption: 'Oven' });
		const b = on('phone', T + HOUR, p.hlc, 'c2', { kind: 'clock_out' });
		const before = jobState(JOB, [a.event, p.event, b.event]);
		const clockIn = { ...a.event } as FieldEvent & { position?: unknown };
		delete clockIn.position;
		const after = jobState(JOB, [clockIn, { ...p.event, removed: true } as FieldEvent, b.event]);
		expect(after.status).toBe(before.status);
		expect(after.clockIn).toEqual({ id: 'c1', at: a.hlc });
		expect(after.photos).toEqual([
			{ id: 'p1', at: p.hlc, photoId: 'ph-1', caption: 'Oven', removed: true }
		]);
	});

	it('takes an item called __proto__ as an item like any other', () => {
		const e = on('phone', T, null, 'e1', { kind: 'checklist', item: '__proto__', done: true });
		expect(Object.keys(jobState(JOB, [e.event]).checklist)).toEqual(['__proto__']);
	});
});

// Random days of work: 3–4 phones with clocks hours apart do random actions, now and then seeing
// each other's stamps (a sync), on two jobs.
const body: fc.Arbitrary<FieldEventBody> = fc.oneof(
	fc.constant({ kind: 'on_my_way' as const }),
	fc.constant({ kind: 'clock_in' as const }),
	fc.constant({ kind: 'clock_out' as const }),
	fc.record({
		kind: fc.constant('checklist' as const),
		item: fc.constantFrom('Oven', 'Windows', 'Floors'),
		done: fc.boolean()
	}),
	fc.record({ kind: fc.constant('note' as const), text: fc.string({ maxLength: 8 }) }),
	fc.record({ kind: fc.constant('photo' as const), photoId: fc.uuid() }),
	fc.record({
		kind: fc.constant('problem' as const),
		problem: fc.constantFrom('no_access' as const, 'running_late' as const),
		text: fc.string({ maxLength: 8 })
	})
);

const day = fc
	.record({
		skews: fc.array(fc.integer({ min: -6 * HOUR, max: 6 * HOUR }), { minLength: 3, maxLength: 4 }),
		steps: fc.array(
			fc.record({
				device: fc.nat(3),
				minutes: fc.nat(30),
				job: fc.constantFrom('job-1', 'job-2'),
				sees: fc.option(fc.nat(3)),
				body
			}),
			{ minLength: 1, maxLength: 60 }
		)
	})
	.map(({ skews, steps }) => {
		const clocks: (Hlc | null)[] = skews.map(() => null);
		const events: FieldEvent[] = [];
		let now = T;
		steps.forEach((s, i) => {
			const d = s.device % skews.length;
			now += s.minutes * 60_000;
			const device = `phone-${d}`;
			const seen = s.sees === null ? null : clocks[s.sees % skews.length];
			if (seen) clocks[d] = receive(clocks[d], seen, now + skews[d], device);
			clocks[d] = tick(clocks[d], now + skews[d], device);
			events.push({ ...s.body, id: `e${i}`, jobId: s.job, hlc: clocks[d]! } as FieldEvent);
		});
		return events;
	});

const states = (events: FieldEvent[]) => [jobState('job-1', events), jobState('job-2', events)];
const shuffle = <T>(items: T[], keys: number[]) =>
	items
		.map((item, i) => ({ item, key: keys[i % Math.max(keys.length, 1)] ?? 0, i }))
		.sort((a, b) => a.key - b.key || a.i - b.i)
		.map((x) => x.item);

describe('jobState, for any day of work', () => {
	it('is the same in any order of arrival', () => {
		fc.assert(
			fc.property(day, fc.array(fc.nat()), (events, keys) => {
				expect(states(shuffle(events, keys))).toEqual(states(events));
			})
		);
	});

	it('is the same with any events arriving twice or more', () => {
		fc.assert(
			fc.property(day, fc.array(fc.nat({ max: 99 })), (events, picks) => {
				const again = picks.map((p) => events[p % events.length]);
				expect(states([...again, ...events, ...again])).toEqual(states(events));
			})
		);
	});

	it('is the same however the events were split over 3+ devices and merged back, in any order', () => {
		fc.assert(
			fc.property(
				day,
				fc.integer({ min: 3, max: 5 }),
				fc.array(fc.nat()),
				fc.array(fc.nat()),
				(events, replicas, homes, order) => {
					// Each event reaches one replica at least, sometimes two.
					const held: FieldEvent[][] = Array.from({ length: replicas }, () => []);
					events.forEach((e, i) => {
						const home = (homes[i] ?? i) % replicas;
						held[home].push(e);
						if ((homes[i] ?? 0) % 3 === 0) held[(home + 1) % replicas].push(e);
					});
					// Merge is union: fold the replicas together pairwise, in a random order.
					const merged = shuffle(held, order).reduce((acc, r) => eventSet([...acc, ...r]), []);
					expect(merged).toEqual(eventSet(events));
					expect(states(merged)).toEqual(states(events));
				}
			)
		);
	});
});
