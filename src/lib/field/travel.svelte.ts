import { queries } from '$sync/queries/index.ts';
import { tripEstimates, type TripEstimate } from '$sync/domain/field-travel.ts';
import { businessTravel, travelSettingsFor } from '$sync/domain/travel.ts';
import { ukCentroids } from '$sync/domain/uk-outcodes.ts';
import type { AppZero } from '$lib/zero/client.ts';
import { Live } from '$lib/zero/live.svelte.ts';
import type { FieldJob } from './types.ts';

/**
 * The cleaner's travel estimates, worked out on the phone (so they show offline too) from the
 * business's travel settings and the cleaner's own home and values, both synced by Zero. Loaded
 * apart from the job list: the district centres are about 60 kB.
 */
export class FieldTravel {
	#settings: Live<ReturnType<typeof queries.field.travelSettings>['~']['$return'] | undefined>;
	#mine: Live<ReturnType<typeof queries.field.myTravel>['~']['$return'] | undefined>;
	#centroids = ukCentroids();

	constructor(zero: AppZero) {
		this.#settings = new Live(zero.materialize(queries.field.travelSettings()));
		this.#mine = new Live(zero.materialize(queries.field.myTravel()));
	}

	/** The trip into each of one day's jobs (in time order). */
	estimates(day: readonly FieldJob[]): Map<string, TripEstimate> {
		const mine = this.#mine.current;
		const settings = travelSettingsFor(businessTravel(this.#settings.current), mine);
		const places = day.map((j) => ({
			id: j.id,
			postcode: j.customerAppointments[0]?.customer?.postcode ?? null
		}));
		return tripEstimates(places, mine?.homePostcode ?? null, settings, this.#centroids);
	}

	destroy() {
		this.#settings.destroy();
		this.#mine.destroy();
	}
}
