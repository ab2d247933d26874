import type { DropTarget } from './types.ts';

// Dragging a booking with any pointer (mouse, pen, finger on a tablet): HTML drag-and-drop does
// not fire for touch. The booking follows the pointer; on release the element under the pointer
// that carries data-drop-staff / data-drop-date is the target, and in the day view the block's
// top edge, measured in that column, gives the time.

const THRESHOLD_PX = 5;

let droppedAt = -Infinity;

/** A click straight after a drag's release belongs to the drag: it must not open the booking. */
export const clickEndsDrag = () => performance.now() - droppedAt < 400;

export type DragState = { id: string; dx: number; dy: number; moved: boolean };

export type DragOptions = {
	/** Pixels per minute in the day view's columns; absent in the week view. */
	pxPerMinute?: number;
	/** The minute of the day the column's top edge stands for. */
	firstMinute?: number;
	onDrag: (state: DragState | null) => void;
	onDrop: (id: string, target: DropTarget) => void;
};

/** Starts following a pointer pressed on a booking block. Returns false when not a drag start. */
export function startDrag(event: PointerEvent, id: string, options: DragOptions): boolean {
	if (event.button !== 0 || !event.isPrimary) return false;
	const block = event.currentTarget as HTMLElement;
	const grabOffsetY = event.clientY - block.getBoundingClientRect().top;
	const { clientX: x0, clientY: y0, pointerId } = event;
	let state: DragState = { id, dx: 0, dy: 0, moved: false };
	block.setPointerCapture(pointerId);

	const move = (e: PointerEvent) => {
		if (e.pointerId !== pointerId) return;
		const dx = e.clientX - x0;
		const dy = e.clientY - y0;
		state = { id, dx, dy, moved: state.moved || Math.abs(dx) + Math.abs(dy) > THRESHOLD_PX };
		if (state.moved) options.onDrag(state);
	};
	const end = (e: PointerEvent) => {
		if (e.pointerId !== pointerId) return;
		block.removeEventListener('pointermove', move);
		block.removeEventListener('pointerup', end);
		block.removeEventListener('pointercancel', end);
		options.onDrag(null);
		if (!state.moved || e.type === 'pointercancel') return;
		droppedAt = performance.now();
		const target = targetAt(e.clientX, e.clientY, e.clientY - grabOffsetY, options);
		if (target) options.onDrop(id, target);
	};
	block.addEventListener('pointermove', move);
	block.addEventListener('pointerup', end);
	block.addEventListener('pointercancel', end);
	return true;
}

function targetAt(x: number, y: number, blockTop: number, options: DragOptions): DropTarget | null {
	const cell = document
		.elementsFromPoint(x, y)
		.find((el): el is HTMLElement => el instanceof HTMLElement && !!el.dataset.dropStaff);
	if (!cell?.dataset.dropStaff || !cell.dataset.dropDate) return null;
	const target: DropTarget = { staffId: cell.dataset.dropStaff, date: cell.dataset.dropDate };
	if (options.pxPerMinute === undefined) return target;
	const offset = (blockTop - cell.getBoundingClientRect().top) / options.pxPerMinute;
	return { ...target, minutes: (options.firstMinute ?? 0) + offset };
}
