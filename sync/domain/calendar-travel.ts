import type { Centroids } from './service-area.ts';
import { dayTrips, planDay } from './travel-reach.ts';
import type { TravelSettings } from './travel.ts';

/** A booking as the office calendar places it, with its padded (busy) span. */
export type CalendarJob = {
	id: string;
	staffId: string;
	/** The local day it is drawn on. */
	date: string;
	busyFrom: number;
	busyUntil: number;
	postcode: string | null;
	/** Cancelled and no-show bookings keep their place on screen but nobody travels to them. */
	live: boolean;
};

/** The trip into a job from the job before it on the same cleaner's day. */
export type TravelLeg = {
	/** When the cleaner is free to set off: the job before's padded end. */
	fromAt: number;
	needMinutes: number;
	freeMinutes: number;
	/** Less time than the trip needs: a manual change (or an override) left too little. */
	short: boolean;
};

/**
 * The travel legs the calendar draws between consecutive live jobs of each cleaner's day, keyed by
 * the job they lead into. The rule is the booking engine's (travel-reach.ts), so a leg marked
 * short is exactly what the server would refuse without an override.
 */
export function travelLegs(
	jobs: readonly CalendarJob[],
	settingsOf: (staffId: string) => TravelSettings,
	centroids: Centroids
): Map<string, TravelLeg> {
	const days = new Map<string, CalendarJob[]>();
	for (const job of jobs) {
		if (!job.live) continue;
		const key = `${job.staffId}|${job.date}`;
		const day = days.get(key);
		if (day) day.push(job);
		else days.set(key, [job]);
	}
	const legs = new Map<string, TravelLeg>();
	for (const day of days.values()) {
		if (day.length < 2) continue;
		const planned = planDay(
			{
				home: null,
				setsOffAt: null,
				commitments: day.map((j) => ({
					start: j.busyFrom,
					end: j.busyUntil,
					postcode: j.postcode
				})),
				settings: settingsOf(day[0].staffId)
			},
			centroids
		);
		const startingAt = new Map(day.map((j) => [j.busyFrom, j.id]));
		for (const trip of dayTrips(planned)) {
			const id = startingAt.get(trip.to);
			if (id)
				legs.set(id, {
					fromAt: trip.from,
					needMinutes: trip.needMinutes,
					freeMinutes: trip.freeMinutes,
					short: trip.short
				});
		}
	}
	return legs;
}
