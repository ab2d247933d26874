import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import type { FileStore } from '../files/port.ts';

// Field photos and GPS positions, counted from the end of the job (appointments.end_time).
//
// The field event log is a grow-only set folded the same way on every device and on the server
// (sync/domain/field-state.ts): deleting events would change what the fold says about a job (a
// deleted clock-out turns a done job back into "in progress"). So retention never deletes an
// event. It takes out only the personal part, in place, server-side, in ways the fold already
// tolerates:
// - a clock-in or clock-out loses its `position` (optional in the fold: the times stay, so the job
//   is as done as before);
// - a photo's file and its field_photos row are deleted, and its event is marked `removed: true`,
//   so the office and the cleaner see "deleted" rather than "not uploaded yet". A device never
//   sends `removed` (sync/field-events.ts refuses unknown keys), so only the server marks it.
// Zero replicates the rewritten rows to every device that still holds them. An event id is
// stored once and never written again by a device, so nothing brings the old payload back; a
// phone's unsent copy is long gone months after the job. Should a phone still send an old job's
// event or photo after the purge, it is stored as usual and the next daily run takes it out
// again: every step here is keyed on the job's end, not on what was purged before.

export type PhotoPurge = { photos: number; events: number };

/**
 * Deletes the photos of jobs that ended before `cutoff`: the rows and their events' marks in the
 * transaction, the files before it commits. If the file store fails, the transaction rolls back
 * and the next run tries again (deleting a file twice is fine), so a row never outlives the run
 * that deleted its file by more than that retry.
 */
export async function purgePhotos(tx: Tx, store: FileStore, cutoff: Date): Promise<PhotoPurge> {
	const rows = (await tx.execute(sql`
		DELETE FROM field_photos p USING appointments a
		WHERE a.id = p.job_id AND a.end_time < ${cutoff.toISOString()}::timestamptz
		RETURNING p.id, p.storage_key`)) as unknown as { id: string; storage_key: string }[];
	// Every photo event of such a job, uploaded or not: a picture still on a phone months later
	// is not coming, and the job should not say "not uploaded yet" for ever.
	const events = (await tx.execute(sql`
		UPDATE field_events e SET payload = e.payload || '{"removed": true}'::jsonb
		FROM appointments a
		WHERE a.id = e.job_id AND a.end_time < ${cutoff.toISOString()}::timestamptz
			AND e.kind = 'photo' AND NOT (e.payload ? 'removed')
		RETURNING e.id`)) as unknown as unknown[];
	for (const row of rows) await store.delete(row.storage_key);
	return { photos: rows.length, events: events.length };
}

/** Takes the GPS position out of the clock-ins and clock-outs of jobs that ended before `cutoff`. */
export async function purgePositions(tx: Tx, cutoff: Date): Promise<number> {
	const rows = (await tx.execute(sql`
		UPDATE field_events e SET payload = e.payload - 'position'
		FROM appointments a
		WHERE a.id = e.job_id AND a.end_time < ${cutoff.toISOString()}::timestamptz
			AND e.kind IN ('clock_in', 'clock_out') AND e.payload ? 'position'
		RETURNING e.id`)) as unknown as unknown[];
	return rows.length;
}
