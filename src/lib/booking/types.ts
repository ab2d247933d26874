import type { RecurringFrequency } from '$sync/domain/recurrence.ts';

/** A cleaner who can do the chosen service at the postcode (GET /api/v1/services/{id}/staff/). */
export type Cleaner = {
	id: string;
	name: string;
	bio: string;
	photo_url: string | null;
	price: number;
	duration_minutes: number;
};

export type Frequency = 'one_off' | RecurringFrequency;

export const FREQUENCY_LABELS: Record<Frequency, string> = {
	one_off: 'Just once',
	weekly: 'Every week',
	fortnightly: 'Every two weeks',
	four_weekly: 'Every four weeks'
};
