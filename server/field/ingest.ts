import { inArray, sql } from 'drizzle-orm';
import { appointments, fieldEvents } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { encodeHlc } from '../../sync/domain/hlc.ts';
import { parseFieldEvent, type SentFieldEvent } from '../../sync/field-events.ts';
import type { Db } from '../db/client.ts';
import { jobPayload } from '../observe/context.ts';

export const MAX_BATCH = 500;
/** A batch's JSON at most: a day offline of notes, ticks and positions is well inside it. */
export const MAX_BATCH_BYTES = 1024 * 1024;

export type EventResult =
	| { id: string; status: 'stored' | 'duplicate' }
	| { id: string; status: 'refused'; reason: string }
	| { id: string | null; status: 'invalid'; reason: string };

/**
 * A batch of field events from a cleaner's device, through the one idempotent path: every event is
 * answered. A well-formed event is stored once by its id (sending it again answers `duplicate`
 * and changes nothing); one for a job that is not the sender's is kept too, with the reason it was
 * refused, so the office sees it and the device can tell the cleaner; a malformed one is answered
 * `invalid` and not stored. All in one transaction.
 */
export async function ingestFieldEvents(
	db: Db,
	ctx: AuthContext,
	batch: readonly unknown[],
	clocks: { now: number; deviceNow?: number } = { now: Date.now() }
): Promise<EventResult[]> {
	// The device's clock against ours at the moment it sent: the office sees a phone that is off.
	const clockOffsetMs =
		clocks.deviceNow === undefined ? null : Math.round(clocks.deviceNow - clocks.now);
	const staffId = ctx.staffID;
	if (!staffId) throw new Error('ingestFieldEvents needs a cleaner’s context');
	const parsed = batch.map(parseFieldEvent);
	const events = parsed.flatMap((p) => (p.ok ? [p.event] : []));
	return db.transaction(async (tx) => {
		const jobIds = [...new Set(events.map((e) => e.jobId))];
		const jobs = jobIds.length
			? await tx
					.select({ id: appointments.id, staffId: appointments.staffId })
					.from(appointments)
					.where(inArray(appointments.id, jobIds))
			: [];
		const owner = new Map(jobs.map((j) => [j.id, j.staffId]));
		const refusalOf = (e: SentFieldEvent) =>
			!owner.has(e.jobId)
				? 'This job does not exist any more'
				: owner.get(e.jobId) !== staffId
					? 'This job is no longer yours: the office has given it to another cleaner'
					: null;
		// Unknown jobs cannot be stored (the row needs its job): they are answered, not kept.
		const storable = events.filter((e) => owner.has(e.jobId));
		const inserted = storable.length
			? await tx
					.insert(fieldEvents)
					.values(
						storable.map(({ id, jobId, deviceId, hlc, kind, ...payload }) => ({
							id,
							jobId,
							staffId,
							deviceId,
							kind,
							payload,
							hlc: encodeHlc(hlc),
							deviceTime: new Date(hlc.wall),
							clockOffsetMs,
							refusal: refusalOf({ id, jobId, deviceId, hlc, kind, ...payload } as SentFieldEvent)
						}))
					)
					.onConflictDoNothing()
					.returning({ id: fieldEvents.id, jobId: fieldEvents.jobId, kind: fieldEvents.kind })
			: [];
		// The customer hears "on my way" once per job (the job key, then the notification log).
		const setOff = new Set(
			inserted
				.filter((r) => r.kind === 'on_my_way' && owner.get(r.jobId) === staffId)
				.map((r) => r.jobId)
		);
		for (const jobId of setOff) {
			await tx.execute(sql`SELECT graphile_worker.add_job(
				'job__notify_on_my_way',
				${JSON.stringify(jobPayload({ appointmentId: jobId }))}::json,
				job_key := ${`on-my-way:${jobId}`}::text,
				max_attempts := 10
			)`);
		}
		// Stored now: each id once, so a second copy in the same batch is a duplicate too.
		const fresh = new Set(inserted.map((r) => r.id));
		return parsed.map((p): EventResult => {
			if (!p.ok) return { id: p.id, status: 'invalid', reason: p.message };
			const refusal = refusalOf(p.event);
			if (refusal) return { id: p.event.id, status: 'refused', reason: refusal };
			const stored = fresh.delete(p.event.id);
			return { id: p.event.id, status: stored ? 'stored' : 'duplicate' };
		});
	});
}
