import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { appointments } from './bookings.ts';
import { createdAt, instant, oneOf } from './columns.ts';
import { staff } from './staff.ts';

export const FIELD_EVENT_KINDS = [
	'on_my_way',
	'clock_in',
	'clock_out',
	'checklist',
	'note',
	'photo',
	'problem'
] as const;

/**
 * What cleaners did on their jobs: the server's copy of the grow-only event set
 * (sync/domain/field-state.ts). Each id is stored once; an event the server refused (the job is
 * someone else's now) is kept with its reason, so nothing a cleaner did is lost, and the job's state
 * folds only the accepted ones.
 */
export const fieldEvents = pgTable(
	'field_events',
	{
		/** Made on the device (UUIDv7). */
		id: uuid('id').primaryKey(),
		jobId: uuid('job_id')
			.notNull()
			.references(() => appointments.id, { onDelete: 'cascade' }),
		/** The cleaner whose device sent it. */
		staffId: uuid('staff_id')
			.notNull()
			.references(() => staff.id),
		deviceId: text('device_id').notNull(),
		kind: text('kind', { enum: FIELD_EVENT_KINDS }).notNull(),
		payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
		/** The hybrid logical clock stamp, encoded so that text order is clock order. */
		hlc: text('hlc').notNull(),
		/** The device's wall clock when it made the event (the stamp's wall time). */
		deviceTime: instant('device_time').notNull(),
		receivedAt: createdAt('received_at'),
		/**
		 * How far the device's clock was ahead of the server's (negative: behind) when it sent the
		 * batch, in milliseconds; the office is shown a phone whose clock is off by minutes.
		 */
		clockOffsetMs: integer('clock_offset_ms'),
		/** Why the server did not accept it; null when accepted. */
		refusal: text('refusal')
	},
	(t) => [
		index('idx_field_events_job_hlc').on(t.jobId, t.hlc),
		index('idx_field_events_staff').on(t.staffId, t.receivedAt),
		check('field_events_kind_check', oneOf('kind', FIELD_EVENT_KINDS)),
		check('field_events_payload_check', sql`jsonb_typeof(payload) = 'object'`)
	]
);
