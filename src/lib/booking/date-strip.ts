import { bookableWindow, type BookingSettings } from '$sync/domain/booking-policy.ts';
import { addDays, localDate } from '$sync/domain/local-day.ts';

const DAYS_SHOWN = 14;

/**
 * The days a date strip shows: from the first bookable local day, a page of DAYS_SHOWN at a time,
 * never past the booking horizon; and whether there are later days to page to.
 */
export function dateStrip(now: number, rules: BookingSettings, page: number) {
	const bookable = bookableWindow(now, rules);
	const first = localDate(bookable.earliest, rules.timeZone);
	const last = localDate(bookable.latest - 1, rules.timeZone);
	const dates = Array.from({ length: DAYS_SHOWN }, (_, i) =>
		addDays(first, page * DAYS_SHOWN + i)
	).filter((d) => d <= last);
	return { dates, hasLater: dates.length > 0 && dates[dates.length - 1] < last };
}
