import { describe, expect, it } from 'vitest';
import { jobState, type FieldEvent } from './field-state.ts';
import { boardCounts, type BoardJob } from './today-board.ts';

const NOW = Date.parse('2026-06-10T10:00:00Z');
const MIN = 60_000;
let n = 0;
const event = (jobId: string, body: Partial<FieldEvent>): FieldEvent =>
	({
		id: `e${++n}`,
		jobId,
		hlc: { wall: NOW - 60 * MIN + n, counter: 0, device: 'd' },
		...body
	}) as FieldEvent;
const job = (
	over: Partial<BoardJob> & { id?: string; events?: Partial<FieldEvent>[] }
): BoardJob => {
	const id = over.id ?? `j${++n}`;
	const events = (over.events ?? []).map((b) => event(id, b));
	return {
		status: 'confirmed',
		startTime: NOW + 60 * MIN,
		paymentStatus: 'paid',
		field: events.length ? jobState(id, events) : null,
		...over
	};
};

describe('boardCounts', () => {
	it('counts a day by hand', () => {
		const jobs = [
			job({}), // later today, paid
			job({ startTime: NOW - 30 * MIN }), // late: no clock-in half an hour after its start
			job({ startTime: NOW - 3 * MIN }), // not late yet: within five minutes
			job({ startTime: NOW - 60 * MIN, events: [{ kind: 'clock_in' }] }), // in progress
			job({ startTime: NOW - 90 * MIN, events: [{ kind: 'clock_in' }, { kind: 'clock_out' }] }), // done
			job({
				startTime: NOW - 20 * MIN,
				paymentStatus: 'unpaid',
				events: [{ kind: 'problem', problem: 'no_access', text: 'No answer' }]
			}), // late, a problem, unpaid
			job({ status: 'cancelled', paymentStatus: 'unpaid', startTime: NOW - 30 * MIN }), // ignored
			job({ status: 'pending', paymentStatus: 'failed' }) // unpaid
		];
		expect(boardCounts(jobs, NOW)).toEqual({
			jobs: 7,
			inProgress: 1,
			late: 2,
			problems: 1,
			unpaid: 2
		});
	});

	it('keeps counting a problem raised during the work, until the job is done', () => {
		const during = job({
			startTime: NOW - 30 * MIN,
			events: [{ kind: 'clock_in' }, { kind: 'problem', problem: 'damage', text: 'Broken vase' }]
		});
		expect(boardCounts([during], NOW)).toMatchObject({ inProgress: 1, problems: 1, late: 0 });
	});
});
