import { retentionCutoff, retentionOf, type RetentionKey } from '../../sync/domain/retention.ts';
import { recordSystemAudit } from '../audit/record.ts';
import { loadSettings } from '../booking/settings.ts';
import { database, type Db, type Tx } from '../db/client.ts';
import type { FileStore } from '../files/port.ts';
import { fileStore } from '../files/store.ts';
import { log } from '../observe/log.ts';
import { purgeAbandonedBookings } from './abandoned-bookings.ts';
import { purgePhotos, purgePositions } from './field-retention.ts';
import { purgeMessages } from './message-retention.ts';

// Data retention (spec §6.2), run daily by the task privacy__apply_retention. Each policy reads
// its period from the business settings (null: keep forever, nothing done) and runs in its own
// transaction, so one that fails (the file store is down) neither undoes nor stops the others;
// the task then fails and Graphile Worker retries it, which is safe because every policy is
// idempotent. A policy that changed something writes one audit row (source `system`) with its
// counts; the log line carries counts only, never whose data it was.
//
// Never purged, on purpose: invoices and payments (accounting records, which UK law requires to
// be kept for six years; a booking with money taken or an invoice is never touched either), and
// the audit log itself.

type Counts = Record<string, number>;

type Policy = {
	name: string;
	setting: RetentionKey;
	apply: (tx: Tx, cutoff: Date) => Promise<Counts>;
};

export type RetentionOutcome = {
	policy: string;
	days: number | null;
	/** Null when the setting keeps the data forever (nothing was done). */
	counts: Counts | null;
	error?: string;
};

function policies(store: FileStore): Policy[] {
	return [
		{
			name: 'field_photos',
			setting: 'photoRetentionDays',
			apply: (tx, cutoff) => purgePhotos(tx, store, cutoff)
		},
		{
			name: 'gps_positions',
			setting: 'positionRetentionDays',
			apply: async (tx, cutoff) => ({ positions: await purgePositions(tx, cutoff) })
		},
		{ name: 'messages', setting: 'messageRetentionDays', apply: purgeMessages },
		{
			name: 'abandoned_bookings',
			setting: 'abandonedBookingRetentionDays',
			apply: purgeAbandonedBookings
		}
	];
}

/**
 * Applies every retention policy as of `now`. Returns what each did; throws after all have run if
 * any failed, so that the job is retried.
 */
export async function applyRetention(
	db: Db,
	store: FileStore,
	now: Date
): Promise<RetentionOutcome[]> {
	const settings = retentionOf(await loadSettings(db));
	const outcomes: RetentionOutcome[] = [];
	for (const policy of policies(store)) {
		const days = settings[policy.setting];
		const cutoff = retentionCutoff(now.getTime(), days);
		if (cutoff === null) {
			outcomes.push({ policy: policy.name, days, counts: null });
			continue;
		}
		try {
			const counts = await db.transaction(async (tx) => {
				const counts = await policy.apply(tx, new Date(cutoff));
				if (Object.values(counts).some((n) => n > 0))
					await recordSystemAudit(tx, {
						action: `retention.${policy.name}`,
						details: { days, before: new Date(cutoff).toISOString(), ...counts }
					});
				return counts;
			});
			outcomes.push({ policy: policy.name, days, counts });
			log.info('data retention applied', { policy: policy.name, days, ...counts });
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			outcomes.push({ policy: policy.name, days, counts: null, error: message });
			log.error('data retention failed; the job will try again', {
				policy: policy.name,
				error: message
			});
		}
	}
	const failed = outcomes.filter((o) => o.error);
	if (failed.length)
		throw new Error(`Data retention failed for ${failed.map((o) => o.policy).join(', ')}`);
	return outcomes;
}

/** The daily task's call: the app's database and file store, the time now. */
export const applyRetentionNow = () => applyRetention(database().db, fileStore(), new Date());
