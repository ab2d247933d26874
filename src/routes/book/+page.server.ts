import { addressFinder } from '$server/address/finder.ts';
import { authContextFor } from '$server/auth/context.ts';
import { loadSettings } from '$server/booking/settings.ts';
import { activeServices } from '$server/catalog/services.ts';
import { cleanersOffering } from '$server/catalog/staff.ts';
import { database } from '$server/db/client.ts';
import { config } from '$server/env.ts';
import { bookingSettingsOf } from '$sync/domain/booking-policy.ts';
import type { PageServerLoad } from './$types';

// The public booking page: the catalogue and the rules come with the page; free slots are then
// worked out on the device from what Zero syncs (see src/lib/booking/live-slots.svelte.ts).
export const load: PageServerLoad = async ({ locals }) => {
	const { db } = database();
	const [services, settings] = await Promise.all([activeServices(db), loadSettings(db)]);
	// Who offers each service, so the device can start syncing their diaries while the postcode is
	// still being typed; the postcode then narrows them down.
	const offering = await Promise.all(services.map((s) => cleanersOffering(db, s)));
	return {
		services,
		offering: Object.fromEntries(
			services.map((s, i) => [
				s.id,
				offering[i].map((c) => ({ id: c.id, durationMinutes: c.durationMinutes }))
			])
		),
		rules: bookingSettingsOf(settings),
		addressLookup: addressFinder().driver !== 'local',
		pricing: {
			currency: settings.currency,
			vat: { ratePercent: settings.vatRatePercent, pricesIncludeVat: settings.pricesIncludeVat },
			discounts: {
				weekly: settings.weeklyDiscountPercent,
				fortnightly: settings.fortnightlyDiscountPercent,
				four_weekly: settings.fourWeeklyDiscountPercent
			}
		},
		zero: {
			cacheURL: config.zeroPublicUrl(),
			userID: locals.user?.id,
			context: locals.user ? await authContextFor(db, locals.user) : undefined
		}
	};
};
