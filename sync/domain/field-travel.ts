import type { Centroids } from './service-area.ts';
import { travelMinutes, type TravelSettings } from './travel.ts';

/** The estimate a cleaner sees on a job: how long getting there takes, and from where. */
export type TripEstimate = { minutes: number; from: 'home' | 'previous job' };

/**
 * The trip into each of one day's jobs (given in time order): from the job before it, or from
 * home for the first when the cleaner has a home postcode. The booking engine's travel rule, so
 * the phone's estimate is the time the office planned for.
 */
export function tripEstimates(
	day: readonly { id: string; postcode: string | null }[],
	home: string | null,
	settings: TravelSettings,
	centroids: Centroids
): Map<string, TripEstimate> {
	const trips = new Map<string, TripEstimate>();
	day.forEach((job, i) => {
		const from = i === 0 ? home : day[i - 1].postcode;
		if (!from || !job.postcode) return;
		trips.set(job.id, {
			minutes: travelMinutes(from, job.postcode, settings, centroids),
			from: i === 0 ? 'home' : 'previous job'
		});
	});
	return trips;
}
