import { z } from 'zod';
import type { AuthContext } from '../../sync/auth.ts';
import { fail, ok } from '../api/envelope.ts';
import { database } from '../db/client.ts';
import { fileStore } from '../files/store.ts';
import { MAX_PHOTO_BYTES, readFieldPhoto, storeFieldPhoto, type PhotoRow } from './photos.ts';

const uuid = z.uuid();

/** A photo as the API describes it (snake_case, like the REST API's other resources). */
export const photoView = (p: PhotoRow) => ({
	id: p.id,
	job_id: p.jobId,
	content_type: p.contentType,
	bytes: p.bytes,
	width: p.width,
	height: p.height,
	url: `/api/field/photos/${p.id}`,
	created_at: p.createdAt.toISOString()
});

/**
 * PUT /api/field/photos/{id}?job={job id} — the picture itself as the body (JPEG, PNG or WebP).
 * 201 when stored, 200 when this id was stored already (any repeat is harmless), else the envelope
 * with what is wrong. The job may come as the `X-Job-Id` header instead of the query.
 */
export async function apiPutFieldPhoto(
	request: Request,
	url: URL,
	photoId: string,
	ctx: AuthContext | undefined
) {
	if (!ctx) return fail(401, 'UNAUTHENTICATED', 'Sign in to send your photos');
	if (!ctx.staffID) return fail(403, 'FORBIDDEN', 'Only cleaners upload photos of their jobs');
	const jobId = url.searchParams.get('job') ?? request.headers.get('x-job-id');
	const problems: Record<string, string[]> = {};
	if (!uuid.safeParse(photoId).success) problems.id = ['The photo id must be a UUID'];
	if (!jobId) problems.job = ['Name the job (?job=… or the X-Job-Id header)'];
	else if (!uuid.safeParse(jobId).success) problems.job = ['The job id must be a UUID'];
	if (Object.keys(problems).length)
		return fail(400, 'VALIDATION_ERROR', 'Some of the details are not valid', problems);

	const body = await readLimited(request, MAX_PHOTO_BYTES);
	if (body === 'too large')
		return fail(413, 'PAYLOAD_TOO_LARGE', 'A photo may be at most 8 MB', {
			max_bytes: MAX_PHOTO_BYTES
		});
	if (!body.byteLength)
		return fail(400, 'VALIDATION_ERROR', 'Send the picture as the request body', {
			body: ['The body is empty']
		});

	const { db } = database();
	const result = await storeFieldPhoto(db, fileStore(), ctx, {
		photoId,
		jobId: jobId!,
		bytes: body
	});
	if (!result.ok) return fail(result.status, result.code, result.message);
	return ok(
		{ ...photoView(result.photo), status: result.status },
		result.status === 'stored' ? 201 : 200
	);
}

/** GET /api/field/photos/{id} — the picture, for the job's cleaner and the office in scope. */
export async function apiGetFieldPhoto(photoId: string, ctx: AuthContext | undefined) {
	if (!ctx) return fail(401, 'UNAUTHENTICATED', 'Sign in to see photos');
	if (!ctx.staffID && !ctx.office)
		return fail(403, 'FORBIDDEN', 'Photos of jobs are for the cleaner and the office');
	const missing = () => fail(404, 'NOT_FOUND', 'There is no such photo');
	if (!uuid.safeParse(photoId).success) return missing();
	const found = await readFieldPhoto(database().db, fileStore(), ctx, photoId);
	if (!found) return missing();
	return new Response(found.file.body, {
		headers: {
			'content-type': found.photo.contentType,
			'content-length': String(found.file.size),
			// A photo never changes under its id; who may see it can, so only this browser keeps it.
			'cache-control': 'private, max-age=86400',
			'x-content-type-options': 'nosniff',
			'content-disposition': `inline; filename="${found.photo.storageKey.split('/').at(-1)}"`
		}
	});
}

/** The request body, or 'too large' as soon as it passes `max` bytes (before reading it all). */
async function readLimited(request: Request, max: number): Promise<Uint8Array | 'too large'> {
	if (Number(request.headers.get('content-length') ?? 0) > max) return 'too large';
	if (!request.body) return new Uint8Array();
	const chunks: Uint8Array[] = [];
	let size = 0;
	const reader = request.body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > max) {
			await reader.cancel();
			return 'too large';
		}
		chunks.push(value);
	}
	const bytes = new Uint8Array(size);
	let at = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, at);
		at += chunk.byteLength;
	}
	return bytes;
}
