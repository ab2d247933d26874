import { and, asc, eq, isNull } from 'drizzle-orm';
import { fieldEvents } from '../../drizzle/schema.ts';
import { jobState } from '../../sync/domain/field-state.ts';
import { storedEvent } from '../../sync/field-events.ts';
import type { DbOrTx } from '../db/client.ts';

/** A job's field state on the server: the same fold the devices run, over its accepted events. */
export async function jobFieldState(db: DbOrTx, jobId: string) {
	const rows = await db
		.select()
		.from(fieldEvents)
		.where(and(eq(fieldEvents.jobId, jobId), isNull(fieldEvents.refusal)))
		.orderBy(asc(fieldEvents.hlc));
	return jobState(jobId, rows.map(storedEvent));
}
