import { eq } from 'drizzle-orm';
import { businessSettings } from '../../drizzle/schema.ts';
import type { DbOrTx } from '../db/client.ts';
import { prepared } from '../db/prepared.ts';

export type BusinessSettings = typeof businessSettings.$inferSelect;

/** The settings row (a migration creates it, so it is always there). */
export async function loadSettings(db: DbOrTx): Promise<BusinessSettings> {
	const [row] = await settingsRow(db);
	if (!row) throw new Error('business_settings has no row: run the migrations');
	return row;
}

// Read by every search and booking: built once (server/db/prepared.ts).
const settingsRow = prepared('settings', (db) =>
	db.select().from(businessSettings).where(eq(businessSettings.id, 1))
);

// The rules themselves are shared with the device.
export { bookingSettingsOf } from '../../sync/domain/booking-policy.ts';
