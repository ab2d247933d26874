import type { FieldEventBody } from '$sync/domain/field-state.ts';
import { uuidv7 } from 'uuidv7';
import {
	localPhotos,
	savePhoto,
	settlePhoto,
	shrinkPhoto,
	uploadPhoto,
	type LocalPhoto
} from './photos.ts';
import { RetryLoop } from './retry-loop.ts';

/**
 * The phone's photos and their uploads: a new photo is kept on the phone and its field event
 * recorded before anything is sent; uploads run one at a time whenever something waits and there
 * is a connection (at once, when the browser comes back online, and on retries that back off).
 * The upload is keyed by the photo's id, so sending again after a lost answer changes nothing.
 */
export class PhotoQueue {
	photos = $state<LocalPhoto[]>([]);
	/** Object URLs of the pictures still on the phone, by photo id. */
	urls = $state<Record<string, string>>({});
	problem = $state<string | null>(null);
	#loop = new RetryLoop(
		() => this.#upload(),
		() => (this.problem = 'Not connected: photos are saved on this phone and will be uploaded')
	);

	constructor() {
		void this.refresh().then(() => this.flush());
	}

	get waiting() {
		return this.photos.filter((p) => p.state === 'waiting').length;
	}

	async refresh() {
		const photos = await localPhotos();
		const urls: Record<string, string> = {};
		for (const p of photos) {
			if (p.state === 'uploaded' || !p.blob) continue;
			urls[p.id] = this.urls[p.id] ?? URL.createObjectURL(p.blob);
		}
		for (const [id, url] of Object.entries(this.urls)) if (!urls[id]) URL.revokeObjectURL(url);
		this.photos = photos;
		this.urls = urls;
	}

	/**
	 * A picture for a job: scaled, stored on the phone, its `photo` event recorded through the
	 * outbox (`record`), then sent when it can be.
	 */
	async add(jobId: string, file: Blob, caption: string, record: (body: FieldEventBody) => unknown) {
		const { blob, width, height } = await shrinkPhoto(file);
		const id = uuidv7();
		await savePhoto({ id, jobId, blob, width, height, createdAt: Date.now(), state: 'waiting' });
		// Known here before its event shows it, so it is never looked for on the server too early.
		await this.refresh();
		await record({
			kind: 'photo',
			photoId: id,
			...(caption.trim() && { caption: caption.trim() })
		});
		void this.flush();
		return id;
	}

	flush(): Promise<void> {
		return this.#loop.run();
	}

	async #upload() {
		try {
			await this.refresh();
			for (const photo of this.photos.filter((p) => p.state === 'waiting')) {
				const result = await uploadPhoto(photo);
				if (result.state === 'retry') throw new Error(result.reason);
				await settlePhoto(photo.id, result.state, 'reason' in result ? result.reason : undefined);
			}
			this.problem = null;
		} finally {
			await this.refresh();
		}
	}

	destroy() {
		this.#loop.stop();
		for (const url of Object.values(this.urls)) URL.revokeObjectURL(url);
	}
}
