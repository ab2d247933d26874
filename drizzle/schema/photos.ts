import { check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { appointments } from './bookings.ts';
import { createdAt, oneOf } from './columns.ts';
import { staff } from './staff.ts';

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/**
 * The pictures cleaners uploaded for their jobs: one row per photo id (made on the phone, the
 * same id as the job's `photo` field event), written once the file is in the file store, so a
 * row always has its file. The bytes themselves live in the file store under `storage_key`.
 * Not synced through Zero: the office finds a job's photos through its field events and reads
 * them at GET /api/field/photos/{id}, which checks who is asking.
 */
export const fieldPhotos = pgTable(
	'field_photos',
	{
		/** The photo's id, made on the phone (the `photoId` of its field event). */
		id: uuid('id').primaryKey(),
		jobId: uuid('job_id')
			.notNull()
			.references(() => appointments.id, { onDelete: 'cascade' }),
		/** The cleaner who uploaded it. */
		staffId: uuid('staff_id')
			.notNull()
			.references(() => staff.id),
		/** Read from the file's first bytes, not from what the phone said. */
		contentType: text('content_type', { enum: PHOTO_TYPES }).notNull(),
		bytes: integer('bytes').notNull(),
		width: integer('width').notNull(),
		height: integer('height').notNull(),
		/** Where the file store keeps it, e.g. `photos/<job id>/<photo id>.jpg`. */
		storageKey: text('storage_key').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		index('idx_field_photos_job').on(t.jobId, t.createdAt),
		check('field_photos_content_type_check', oneOf('content_type', PHOTO_TYPES)),
		check('field_photos_size_check', sql`bytes > 0 AND width > 0 AND height > 0`)
	]
);
