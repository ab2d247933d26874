/**
 * Hybrid logical clock (Kulkarni et al.): a stamp per field event that follows the device's wall
 * clock where it can and never runs backwards. A phone whose clock is hours wrong still orders its
 * own events correctly (the counter carries it past its own earlier stamps), and stamps from
 * different devices compare the same everywhere: wall time, then counter, then device id.
 */
export type Hlc = { wall: number; counter: number; device: string };

/** The stamp of a new event on `device`, after the last stamp it issued or saw (`last`). */
export function tick(last: Hlc | null, now: number, device: string): Hlc {
	if (!last || now > last.wall) return { wall: now, counter: 0, device };
	return { wall: last.wall, counter: last.counter + 1, device };
}

/** The clock after seeing another device's stamp, so later local stamps sort after it. */
export function receive(last: Hlc | null, seen: Hlc, now: number, device: string): Hlc {
	const wall = Math.max(last?.wall ?? -Infinity, seen.wall, now);
	const counter =
		wall === last?.wall && wall === seen.wall
			? Math.max(last.counter, seen.counter) + 1
			: wall === last?.wall
				? last.counter + 1
				: wall === seen.wall
					? seen.counter + 1
					: 0;
	return { wall, counter, device };
}

export function compareHlc(a: Hlc, b: Hlc): number {
	return (
		a.wall - b.wall ||
		a.counter - b.counter ||
		(a.device < b.device ? -1 : a.device > b.device ? 1 : 0)
	);
}

/** A string whose plain sort order is the clock's order (for indexes and storage). */
export function encodeHlc(h: Hlc): string {
	return `${String(h.wall).padStart(15, '0')}:${String(h.counter).padStart(6, '0')}:${h.device}`;
}

export function decodeHlc(text: string): Hlc | null {
	const m = /^(\d{15}):(\d{6}):(.+)$/.exec(text);
	return m ? { wall: Number(m[1]), counter: Number(m[2]), device: m[3] } : null;
}
