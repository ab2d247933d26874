import { z } from 'zod';
import type { AuthContext } from '../../sync/auth.ts';
import { fail, ok } from '../api/envelope.ts';
import { parseJsonBody } from '../api/validation.ts';
import { database } from '../db/client.ts';
import { countFieldUpload } from '../observe/app-metrics.ts';
import { ingestFieldEvents, MAX_BATCH, MAX_BATCH_BYTES } from './ingest.ts';

const batch = z.strictObject({
	/** The device's clock when it sent the batch (ms since the epoch). */
	sentAt: z.number().int().positive().optional(),
	events: z
		.array(z.unknown())
		.min(1, 'Send at least one event')
		.max(MAX_BATCH, `Send at most ${MAX_BATCH} events at a time`)
});

/** The device's batch of field events: each one answered (stored, duplicate, refused or invalid). */
export async function apiFieldEvents(request: Request, ctx: AuthContext | undefined) {
	if (!ctx) return fail(401, 'UNAUTHENTICATED', 'Sign in to send your work');
	if (!ctx.staffID) return fail(403, 'FORBIDDEN', 'Only cleaners send field events');
	const parsed = await parseJsonBody(request, batch, MAX_BATCH_BYTES);
	if (!parsed.ok) return parsed.response;
	const { events, sentAt } = parsed.data;
	const clocks = { now: Date.now(), deviceNow: sentAt };
	const results = await ingestFieldEvents(database().db, ctx, events, clocks);
	countFieldUpload(results);
	return ok({ results });
}
