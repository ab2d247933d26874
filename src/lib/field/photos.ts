// Photos of a job on the phone: each picture is scaled down on the device, kept in IndexedDB (a
// database of its own, beside the outbox of field events) until the server has it, and uploaded
// by its id — so an upload cut off half-way is simply sent again, and the server keeps it once.
import { fitWithin } from '$sync/domain/image.ts';

export type LocalPhoto = {
	/** The photo's id, made on this phone: the `photoId` of its field event and its upload's URL. */
	id: string;
	jobId: string;
	/** The scaled JPEG; dropped once uploaded, to free the phone's storage. */
	blob?: Blob;
	width: number;
	height: number;
	createdAt: number;
	state: 'waiting' | 'uploaded' | 'refused';
	reason?: string;
};

const DB = 'valclean-field-photos';
const PHOTOS = 'photos';
/** JPEG quality of a scaled photo: ≈ 250–400 KB at 1600 px, plenty to show a stain or a crack. */
const QUALITY = 0.8;
/** Uploaded photos are remembered (without their picture) this long, then forgotten. */
const KEEP_UPLOADED_MS = 30 * 86_400_000;

function open(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(DB, 1);
		request.onupgradeneeded = () => {
			request.result.createObjectStore(PHOTOS, { keyPath: 'id' });
		};
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

async function run<T>(
	mode: IDBTransactionMode,
	work: (store: IDBObjectStore) => IDBRequest<T> | void
): Promise<T | undefined> {
	const db = await open();
	return new Promise((resolve, reject) => {
		const tx = db.transaction([PHOTOS], mode);
		const request = work(tx.objectStore(PHOTOS));
		tx.oncomplete = () => {
			db.close();
			resolve(request ? request.result : undefined);
		};
		tx.onerror = () => {
			db.close();
			reject(tx.error);
		};
		tx.onabort = () => {
			db.close();
			reject(tx.error ?? new Error('The phone’s storage refused the photo'));
		};
	});
}

export async function savePhoto(photo: LocalPhoto) {
	await run('readwrite', (store) => store.put(photo));
}

/** Every photo this phone knows, oldest first; long-uploaded ones are forgotten on the way. */
export async function localPhotos(now = Date.now()): Promise<LocalPhoto[]> {
	const all = ((await run<LocalPhoto[]>('readonly', (store) => store.getAll())) ?? []).sort(
		(a, b) => a.createdAt - b.createdAt
	);
	const stale = all.filter((p) => p.state === 'uploaded' && now - p.createdAt > KEEP_UPLOADED_MS);
	if (stale.length) await run('readwrite', (store) => stale.forEach((p) => store.delete(p.id)));
	return all.filter((p) => !stale.includes(p));
}

/** What the server answered for a photo (an uploaded one's picture is dropped from the phone). */
export async function settlePhoto(id: string, state: 'uploaded' | 'refused', reason?: string) {
	await run('readwrite', (store) => {
		const get = store.get(id);
		get.onsuccess = () => {
			const photo = get.result as LocalPhoto | undefined;
			if (!photo) return;
			const { blob, ...rest } = photo;
			store.put(state === 'uploaded' ? { ...rest, state } : { ...rest, blob, state, reason });
		};
	});
}

/**
 * A picture from the camera or the gallery, scaled so its longest side is at most 1600 px and
 * encoded as JPEG, upright (the camera's orientation tag applied). Throws when this phone's
 * browser cannot read the picture (e.g. a format it does not know).
 */
export async function shrinkPhoto(
	file: Blob
): Promise<{ blob: Blob; width: number; height: number }> {
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
	} catch {
		throw new Error('This picture cannot be read on this phone; try another one');
	}
	try {
		const { width, height } = fitWithin(bitmap.width, bitmap.height);
		if (!width || !height) throw new Error('This picture is empty');
		const draw = (context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D) => {
			// JPEG has no transparency: a PNG's clear parts become white, not black.
			context.fillStyle = '#fff';
			context.fillRect(0, 0, width, height);
			context.imageSmoothingQuality = 'high';
			context.drawImage(bitmap, 0, 0, width, height);
		};
		let blob: Blob | null;
		if (typeof OffscreenCanvas !== 'undefined') {
			const canvas = new OffscreenCanvas(width, height);
			draw(canvas.getContext('2d')!);
			blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: QUALITY });
		} else {
			const canvas = document.createElement('canvas');
			canvas.width = width;
			canvas.height = height;
			draw(canvas.getContext('2d')!);
			blob = await new Promise<Blob | null>((resolve) =>
				canvas.toBlob(resolve, 'image/jpeg', QUALITY)
			);
		}
		if (!blob) throw new Error('This phone could not prepare the picture');
		return { blob, width, height };
	} finally {
		bitmap.close();
	}
}

export const photoUrl = (id: string) => `/api/field/photos/${id}`;

/**
 * One upload of a photo: `uploaded` when the server has it (first time or again), `refused` when
 * it never will (with its reason), `retry` when it may later (no signal, server away, signed out).
 */
export async function uploadPhoto(
	photo: LocalPhoto
): Promise<{ state: 'uploaded' } | { state: 'refused' | 'retry'; reason: string }> {
	if (!photo.blob) return { state: 'refused', reason: 'The picture is no longer on this phone' };
	let response: Response;
	try {
		response = await fetch(`${photoUrl(photo.id)}?job=${encodeURIComponent(photo.jobId)}`, {
			method: 'PUT',
			headers: { 'content-type': photo.blob.type || 'image/jpeg' },
			body: photo.blob
		});
	} catch {
		return { state: 'retry', reason: 'Not connected' };
	}
	if (response.ok) return { state: 'uploaded' };
	const body = await response.json().catch(() => null);
	const reason: string = body?.error?.message ?? `The server answered ${response.status}`;
	// 401: the session ended (sign in again, then it goes); 408/429/5xx: try again later.
	if (response.status === 401 || response.status === 408 || response.status === 429)
		return { state: 'retry', reason };
	if (response.status >= 500) return { state: 'retry', reason };
	return { state: 'refused', reason };
}
