import { eq } from 'drizzle-orm';
import { appointments, fieldPhotos } from '../../drizzle/schema.ts';
import { officeCanManageAppointment, type AuthContext } from '../../sync/auth.ts';
import { sniffImage } from '../../sync/domain/image.ts';
import type { Db } from '../db/client.ts';
import type { FileStore, StoredFile } from '../files/port.ts';

/** The most a photo may weigh: the phone sends ≈ 0.3 MB (scaled to 1600 px), a full shot ≈ 5 MB. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;

const EXTENSION = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;

export type PhotoRow = typeof fieldPhotos.$inferSelect;

export type PhotoRefusal = {
	ok: false;
	status: 403 | 404 | 409 | 415;
	code: string;
	message: string;
};

export type StoredPhoto = { ok: true; status: 'stored' | 'duplicate'; photo: PhotoRow };

/**
 * A cleaner's photo of their job, through one idempotent path keyed by the photo's id (made on
 * the phone): the first upload stores the file, then its row; any later one — a retry after a lost
 * answer, a restart after a dropped connection, two at once — answers `duplicate` and adds
 * nothing. The file goes in first, under a key made from the ids, so a row always has its file and
 * a retry after a crash between the two only rewrites the same key.
 *
 * Security: the cleaner must own the job now (appointments.staff_id); the type is read from the
 * bytes, never from the request; a photo id already used for another job or by another cleaner is
 * refused rather than overwritten.
 */
export async function storeFieldPhoto(
	db: Db,
	store: FileStore,
	ctx: AuthContext,
	upload: { photoId: string; jobId: string; bytes: Uint8Array }
): Promise<StoredPhoto | PhotoRefusal> {
	const staffId = ctx.staffID;
	if (!staffId) throw new Error('storeFieldPhoto needs a cleaner’s context');
	const { photoId, jobId, bytes } = upload;
	const same = (row: PhotoRow) => row.staffId === staffId && row.jobId === jobId;
	const taken: PhotoRefusal = {
		ok: false,
		status: 409,
		code: 'PHOTO_ID_TAKEN',
		message: 'This photo id already belongs to another photo'
	};

	const [existing] = await db.select().from(fieldPhotos).where(eq(fieldPhotos.id, photoId));
	if (existing) return same(existing) ? { ok: true, status: 'duplicate', photo: existing } : taken;

	const [job] = await db
		.select({ staffId: appointments.staffId })
		.from(appointments)
		.where(eq(appointments.id, jobId));
	if (!job) return { ok: false, status: 404, code: 'NOT_FOUND', message: 'There is no such job' };
	if (job.staffId !== staffId)
		return {
			ok: false,
			status: 403,
			code: 'FORBIDDEN',
			message: 'This job is not yours: the office has given it to another cleaner'
		};

	const image = sniffImage(bytes);
	if (!image)
		return {
			ok: false,
			status: 415,
			code: 'UNSUPPORTED_MEDIA_TYPE',
			message: 'Send a JPEG, PNG or WebP picture'
		};

	const storageKey = `photos/${jobId}/${photoId}.${EXTENSION[image.type]}`;
	await store.put(storageKey, bytes, image.type);
	const [inserted] = await db
		.insert(fieldPhotos)
		.values({
			id: photoId,
			jobId,
			staffId,
			contentType: image.type,
			bytes: bytes.byteLength,
			width: image.width,
			height: image.height,
			storageKey
		})
		.onConflictDoNothing()
		.returning();
	if (inserted) return { ok: true, status: 'stored', photo: inserted };
	// Another upload of the same id won the race between our check and our insert.
	const [winner] = await db.select().from(fieldPhotos).where(eq(fieldPhotos.id, photoId));
	return winner && same(winner) ? { ok: true, status: 'duplicate', photo: winner } : taken;
}

/**
 * A photo's file for someone allowed to see it: the cleaner the job is assigned to, or the office
 * (an admin, or a manager whose scope holds the job's cleaner or location). Anyone else — other
 * cleaners, customers, a manager out of scope — learns nothing, not even that it exists (null).
 */
export async function readFieldPhoto(
	db: Db,
	store: FileStore,
	ctx: AuthContext,
	photoId: string
): Promise<{ photo: PhotoRow; file: StoredFile } | null> {
	const [found] = await db
		.select({
			photo: fieldPhotos,
			jobStaffId: appointments.staffId,
			locationId: appointments.locationId
		})
		.from(fieldPhotos)
		.innerJoin(appointments, eq(appointments.id, fieldPhotos.jobId))
		.where(eq(fieldPhotos.id, photoId));
	if (!found) return null;
	const allowed =
		(ctx.staffID !== null && ctx.staffID === found.jobStaffId) ||
		officeCanManageAppointment(ctx.office, {
			staffId: found.jobStaffId,
			locationId: found.locationId
		});
	if (!allowed) return null;
	const file = await store.get(found.photo.storageKey);
	return file && { photo: found.photo, file };
}
