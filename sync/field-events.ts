import { z } from 'zod';
import type { FieldEvent } from './domain/field-state.ts';
import { decodeHlc } from './domain/hlc.ts';

// A field event as the device stores it in its outbox and sends it to the server: the domain's
// FieldEvent with its clock encoded as text, and the device that made it.

const position = z.strictObject({
	lat: z.number().min(-90).max(90),
	lng: z.number().min(-180).max(180),
	accuracyM: z.number().min(0).optional()
});

const body = z.discriminatedUnion('kind', [
	z.strictObject({ kind: z.literal('on_my_way') }),
	z.strictObject({ kind: z.literal('clock_in'), position: position.optional() }),
	z.strictObject({ kind: z.literal('clock_out'), position: position.optional() }),
	z.strictObject({
		kind: z.literal('checklist'),
		item: z.string().trim().min(1).max(120),
		done: z.boolean()
	}),
	z.strictObject({ kind: z.literal('note'), text: z.string().trim().min(1).max(4000) }),
	z.strictObject({
		kind: z.literal('photo'),
		photoId: z.uuid(),
		caption: z.string().max(500).optional()
	}),
	z.strictObject({
		kind: z.literal('problem'),
		problem: z.enum(['no_access', 'damage', 'running_late', 'other']),
		text: z.string().trim().max(2000)
	})
]);

const envelope = z.object({
	id: z.uuid(),
	jobId: z.uuid(),
	deviceId: z.string().min(1).max(64),
	hlc: z.string().refine((h) => decodeHlc(h) !== null, 'Not a clock stamp')
});

export type SentFieldEvent = FieldEvent & { deviceId: string };

/** One event from a device, checked: the domain's event and its device, or what is wrong with it. */
export function parseFieldEvent(
	raw: unknown
): { ok: true; event: SentFieldEvent } | { ok: false; id: string | null; message: string } {
	const id =
		typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
			? (raw as { id: string }).id
			: null;
	if (typeof raw !== 'object' || raw === null) return { ok: false, id, message: 'Not an event' };
	const { id: _id, jobId, deviceId, hlc, ...rest } = raw as Record<string, unknown>;
	const head = envelope.safeParse({ id: _id, jobId, deviceId, hlc });
	const tail = body.safeParse(rest);
	if (!head.success || !tail.success) {
		const issues = [...(head.error?.issues ?? []), ...(tail.error?.issues ?? [])];
		const message = issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ');
		return { ok: false, id, message };
	}
	return {
		ok: true,
		event: { ...tail.data, ...head.data, hlc: decodeHlc(head.data.hlc)! } as SentFieldEvent
	};
}

/** A stored event (a `field_events` row, from Postgres or Zero) as the domain's event. */
export function storedEvent(row: {
	id: string;
	jobId: string;
	kind: string;
	payload: unknown;
	hlc: string;
}): FieldEvent {
	return {
		...(row.payload as object),
		id: row.id,
		jobId: row.jobId,
		kind: row.kind,
		hlc: decodeHlc(row.hlc)!
	} as FieldEvent;
}
