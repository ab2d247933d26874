import { slotSearches } from '../../drizzle/schema.ts';
import { isLocalDate } from '../../sync/domain/local-day.ts';
import { parsePostcode } from '../../sync/domain/postcode.ts';
import type { DbOrTx } from '../db/client.ts';
import { log } from '../observe/log.ts';

export type SlotSearch = {
	serviceId: string | null;
	/** Whatever was searched: only its district is kept. */
	postcode: string;
	date: string | null;
	source: 'api' | 'booking_page';
	slotsFound: number | null;
};

/**
 * Logs one public slot search for the conversion report: a single insert, nothing personal (the
 * postcode's district, never the full postcode). A failure to log never fails the search.
 */
export async function logSlotSearch(db: DbOrTx, search: SlotSearch, now = Date.now()) {
	const parsed = parsePostcode(search.postcode);
	try {
		await db.insert(slotSearches).values({
			searchedAt: new Date(now),
			serviceId: search.serviceId,
			district: parsed.ok ? parsed.outward : '',
			dateAsked: search.date && isLocalDate(search.date) ? search.date : null,
			source: search.source,
			slotsFound: search.slotsFound
		});
	} catch (error) {
		log.warning('slot search not logged', { error });
	}
}
