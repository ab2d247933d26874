import type { Position } from '$sync/domain/field-state.ts';

/**
 * Where the phone is, if the browser grants it within a few seconds: clocking in never waits
 * longer, and works without a position (denied, no fix indoors). A fix up to five minutes old will
 * do, as the cleaner is at the door.
 */
export function currentPosition(timeoutMs = 4_000): Promise<Position | undefined> {
	if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve(undefined);
	return new Promise((resolve) => {
		navigator.geolocation.getCurrentPosition(
			({ coords }) =>
				resolve({
					lat: coords.latitude,
					lng: coords.longitude,
					accuracyM: Math.round(coords.accuracy)
				}),
			() => resolve(undefined),
			{ enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 300_000 }
		);
	});
}
