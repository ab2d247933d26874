import type { JobState } from './field-state.ts';

/**
 * A service's checklist: what the cleaner ticks off on each of its jobs, configured by the office.
 * An item is its own key in the field events (`checklist` events name the item), so items are
 * unique, and renaming one starts it afresh.
 */
export const MAX_CHECKLIST_ITEMS = 40;
export const MAX_CHECKLIST_ITEM_LENGTH = 120;

export type ChecklistCheck = { ok: true; items: string[] } | { ok: false; message: string };

/** The office's list, one item per line: blank lines dropped, each item checked. */
export function parseChecklist(text: string): ChecklistCheck {
	const items = text
		.split(/\r?\n/)
		.map((line) => line.trim().replace(/\s+/g, ' '))
		.filter(Boolean);
	if (items.length > MAX_CHECKLIST_ITEMS)
		return {
			ok: false,
			message: `At most ${MAX_CHECKLIST_ITEMS} items (this has ${items.length})`
		};
	const long = items.find((i) => i.length > MAX_CHECKLIST_ITEM_LENGTH);
	if (long)
		return {
			ok: false,
			message: `“${long.slice(0, 30)}…” is longer than ${MAX_CHECKLIST_ITEM_LENGTH} characters`
		};
	const seen = new Set<string>();
	for (const item of items) {
		const key = item.toLocaleLowerCase('en-GB');
		if (seen.has(key)) return { ok: false, message: `“${item}” is on the list twice` };
		seen.add(key);
	}
	return { ok: true, items };
}

/** The stored list (JSON from the database), keeping only text items. */
export function checklistOf(raw: unknown): string[] {
	return Array.isArray(raw) ? raw.filter((i): i is string => typeof i === 'string' && !!i) : [];
}

export type ChecklistRow = { item: string; done: boolean; onList: boolean };

/**
 * The job's checklist as the cleaner sees it: the service's items in the office's order, each done
 * or not by its latest tick; then any item ticked on this job that the office has since taken off
 * the list, so work recorded is never hidden.
 */
export function checklistRows(
	items: readonly string[],
	ticks: JobState['checklist']
): ChecklistRow[] {
	const rows = items.map((item) => ({ item, done: ticks[item]?.done ?? false, onList: true }));
	const listed = new Set(items);
	for (const [item, tick] of Object.entries(ticks)) {
		if (!listed.has(item) && tick.done) rows.push({ item, done: true, onList: false });
	}
	return rows;
}
