/**
 * How far a phone's clock is off, from what its last batch said: the server compares the device's
 * clock when it sent with its own. Within five minutes is ordinary drift and network time; beyond
 * that the office is told, as the times the phone shows (clock in, clock out) are its own.
 */
export const CLOCK_SKEW_LIMIT_MS = 5 * 60_000;

type Received = { receivedAt: number | null; clockOffsetMs: number | null };

/** The latest known offset of the events' device, or null when none was measured. */
export function latestOffset(events: readonly Received[]): number | null {
	let latest: Received | null = null;
	for (const e of events) {
		if (e.clockOffsetMs === null || e.receivedAt === null) continue;
		if (!latest || e.receivedAt > latest.receivedAt!) latest = e;
	}
	return latest?.clockOffsetMs ?? null;
}

/** "2 h 5 min behind", or null when the clock is within the limit (or unknown). */
export function clockSkewWarning(offsetMs: number | null): string | null {
	if (offsetMs === null || Math.abs(offsetMs) <= CLOCK_SKEW_LIMIT_MS) return null;
	const minutes = Math.round(Math.abs(offsetMs) / 60_000);
	const h = Math.floor(minutes / 60);
	const m = minutes % 60;
	const span = [h && `${h} h`, m && `${m} min`].filter(Boolean).join(' ');
	return `${span} ${offsetMs > 0 ? 'ahead' : 'behind'}`;
}
