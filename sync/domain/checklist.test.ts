import { describe, expect, it } from 'vitest';
import { checklistOf, checklistRows, parseChecklist } from './checklist.ts';
import { jobState, type FieldEvent } from './field-state.ts';

const JOB = '0190a5e0-0000-7000-8000-000000000001';
const tick = (id: string, wall: number, item: string, done: boolean): FieldEvent => ({
	id,
	jobId: JOB,
	hlc: { wall, counter: 0, device: 'phone' },
	kind: 'checklist',
	item,
	done
});

describe('parseChecklist', () => {
	it('keeps one item per line, trimmed, in order, without blank lines', () => {
		expect(parseChecklist('  Kitchen surfaces \n\nBathroom:  sink and  taps\r\nHoover\n')).toEqual({
			ok: true,
			items: ['Kitchen surfaces', 'Bathroom: sink and taps', 'Hoover']
		});
		expect(parseChecklist('')).toEqual({ ok: true, items: [] });
	});

	it('names an item listed twice, one too long, and too many items', () => {
		expect(parseChecklist('Hoover\nhoover')).toEqual({
			ok: false,
			message: '“hoover” is on the list twice'
		});
		const long = parseChecklist('x'.repeat(121));
		expect(long.ok || long.message).toMatch(/longer than 120 characters/);
		const many = parseChecklist(Array.from({ length: 41 }, (_, i) => `Item ${i}`).join('\n'));
		expect(many).toEqual({ ok: false, message: 'At most 40 items (this has 41)' });
	});
});

describe('checklistOf', () => {
	it('reads the stored list, ignoring anything that is not an item', () => {
		expect(checklistOf(['Hoover', 3, '', null, 'Mop'])).toEqual(['Hoover', 'Mop']);
		expect(checklistOf({ Hoover: true })).toEqual([]);
	});
});

describe('checklistRows', () => {
	it('shows each item by its latest tick, then work on items since taken off the list', () => {
		const state = jobState(JOB, [
			tick('a', 1000, 'Hoover', true),
			tick('b', 3000, 'Hoover', false),
			tick('c', 2000, 'Mop floors', true),
			tick('d', 2500, 'Windows', true),
			tick('e', 2600, 'Oven', false)
		]);
		expect(checklistRows(['Hoover', 'Mop floors', 'Bathroom'], state.checklist)).toEqual([
			{ item: 'Hoover', done: false, onList: true },
			{ item: 'Mop floors', done: true, onList: true },
			{ item: 'Bathroom', done: false, onList: true },
			{ item: 'Windows', done: true, onList: false }
		]);
	});
});
